// Running hackathons (admin): create, edit, status, jury, copies' assignment.
import { api } from './client';
import { call } from './errors';
import type { BodyOf } from './types';

/** `POST /hackathons`. */
export const createHackathon = (body: BodyOf<'hackathons.create'>) => call(api.POST('/api/v1/hackathons', { body }));

/** `PATCH /hackathons/:id`. */
export const updateHackathon = (id: string, body: BodyOf<'hackathons.update'>) =>
  call(api.PATCH('/api/v1/hackathons/{id}', { params: { path: { id } }, body }));

/** `POST /hackathons/:id/status`. */
export const changeHackathonStatus = (id: string, statut: BodyOf<'hackathons.changeStatus'>['statut']) =>
  call(api.POST('/api/v1/hackathons/{id}/status', { params: { path: { id } }, body: { statut } }));

/** `GET /hackathons/:id/examiners`: the jury. */
export const getJury = (id: string) => call(api.GET('/api/v1/hackathons/{id}/examiners', { params: { path: { id } } }));

/** `PUT /hackathons/:id/examiners`: the whole jury. */
export const setJury = (id: string, examinerIds: string[]) =>
  call(api.PUT('/api/v1/hackathons/{id}/examiners', { params: { path: { id } }, body: { examinerIds } }));

/** `POST /hackathons/:id/assignments`: starts the assignments job; its id. */
export const startAssignments = (id: string, examinersPerSubmission: number) =>
  call(
    api.POST('/api/v1/hackathons/{id}/assignments', { params: { path: { id } }, body: { examinersPerSubmission } }),
  ).then((r) => r.jobId);

/** `GET /hackathons/:id/assignments/jobs/:jobId`: the assignments job's progress. */
export const assignmentsJob = (id: string, jobId: string) =>
  call(api.GET('/api/v1/hackathons/{id}/assignments/jobs/{jobId}', { params: { path: { id, jobId } } }));
