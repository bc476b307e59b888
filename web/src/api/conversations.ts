// A student's conversations: reading, starting, sending, the answer stream's ticket, the final version.
import { api } from './client';
import { call } from './errors';
import { newActionKey, withKey } from './idempotency';
import type { BodyOf, QueryOf } from './types';

/** `GET /conversations/:id` with its messages (up to `limit`). */
export const getConversation = (id: string, limit = 200) =>
  call(api.GET('/api/v1/conversations/{id}', { params: { path: { id }, query: { limit } } }));

/** `GET /conversations/mine`: the student's conversations (of one hackathon with `hackathonId`). */
export const myConversations = (query: QueryOf<'conversations.listMine'>) =>
  call(api.GET('/api/v1/conversations/mine', { params: { query } }));

/** `POST /conversations`: a new conversation on a task, with its model settings. */
export const startConversation = (body: BodyOf<'conversations.create'>) =>
  call(api.POST('/api/v1/conversations', { body }));

/**
 * `POST /conversations/:id/messages`: a prompt (`202`; the answer comes on the stream). `key` is the
 * action's Idempotency-Key (a new one when absent), sent again with each retry (idempotency.ts):
 * a retry after a lost answer gets that answer, never a second prompt.
 */
export const sendMessage = (id: string, content: string, key = newActionKey()) =>
  withKey(key, (k) =>
    call(
      api.POST('/api/v1/conversations/{id}/messages', {
        params: { path: { id }, header: { 'Idempotency-Key': k } },
        body: { content },
      }),
    ),
  );

/** `POST /conversations/:id/stream-ticket`: a one-time ticket to open the answer stream. */
export const conversationStreamTicket = (id: string) =>
  call(api.POST('/api/v1/conversations/{id}/stream-ticket', { params: { path: { id } } })).then((r) => r.ticket);

/** The URL of the conversation's answer stream (opened with a ticket, web/src/api/stream.ts). */
export const conversationStreamUrl = (id: string) => `/api/v1/conversations/${id}/stream`;

/** `PUT /conversations/:id/final`: the final version (once), with its action's Idempotency-Key as `sendMessage`. */
export const submitFinal = (id: string, body: BodyOf<'conversations.submitFinal'>, key = newActionKey()) =>
  withKey(key, (k) =>
    call(
      api.PUT('/api/v1/conversations/{id}/final', {
        params: { path: { id }, header: { 'Idempotency-Key': k } },
        body,
      }),
    ),
  );

/** `POST /conversations/:id/stop`: stops the answer being written; the part written is kept (`interrompu`). */
export const stopAnswer = (id: string) =>
  call(api.POST('/api/v1/conversations/{id}/stop', { params: { path: { id } } })).then((r) => r.message);

/** `PATCH /conversations/:id`: the answer's length for the next prompts. */
export const setAnswerLength = (id: string, maxTokens: number) =>
  call(api.PATCH('/api/v1/conversations/{id}', { params: { path: { id } }, body: { maxTokens } })).then(
    (r) => r.conversation,
  );
