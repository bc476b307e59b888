// The examiner's work: the grading queue, a copy, grading and editing evaluations.
import { api } from './client';
import { call } from './errors';
import type { BodyOf, QueryOf } from './types';

/** `GET /assignments/mine`: the examiner's copies (`status: 'pending'` for the queue). */
export const myAssignments = (query: QueryOf<'assignments.listMine'>) =>
  call(api.GET('/api/v1/assignments/mine', { params: { query } }));

/** `GET /submissions/:conversationId`: a copy (anonymous when the hackathon is). */
export const getSubmission = (conversationId: string) =>
  call(api.GET('/api/v1/submissions/{conversationId}', { params: { path: { conversationId } } }));

/** `POST /evaluations`: grades a copy. */
export const gradeCopy = (body: BodyOf<'evaluations.grade'>) => call(api.POST('/api/v1/evaluations', { body }));

/** `GET /evaluations/mine`: the examiner's evaluations, newest first. */
export const myEvaluations = (query: QueryOf<'evaluations.listMine'>) =>
  call(api.GET('/api/v1/evaluations/mine', { params: { query } }));

/** `PATCH /evaluations/:id`: edits an evaluation. */
export const editEvaluation = (id: string, body: BodyOf<'evaluations.edit'>) =>
  call(api.PATCH('/api/v1/evaluations/{id}', { params: { path: { id } }, body }));
