// A student's tries of a prompt on the public cases of a task, before submitting (API 1.2).
import type { Schema } from '@prompt-challenge/api-client';
import { api } from './client';
import { call } from './errors';

export type Essai = Schema<'EssaiView'>;

/** `POST /conversations/:id/essais`: runs `prompt` on the task's public cases (`202 {essaiId}`; charged like sends). */
export const startEssai = (conversationId: string, prompt: string) =>
  call(
    api.POST('/api/v1/conversations/{id}/essais', { params: { path: { id: conversationId } }, body: { prompt } }),
  ).then((r) => r.essaiId);

/** `GET /conversations/:id/essais/:essaiId`: a try and its results so far. */
export const getEssai = (conversationId: string, essaiId: string) =>
  call(
    api.GET('/api/v1/conversations/{id}/essais/{essaiId}', { params: { path: { id: conversationId, essaiId } } }),
  ).then((r) => r.essai);
