// Quotas: the student's own gauge, and the admin's raise for one student.
import { api } from './client';
import { call } from './errors';
import type { BodyOf } from './types';

/** `GET /hackathons/:id/quota/me`: the student's prompts and tokens, used and allowed. */
export const myQuota = (hackathonId: string) =>
  call(api.GET('/api/v1/hackathons/{id}/quota/me', { params: { path: { id: hackathonId } } }));

/** `PUT /hackathons/:id/quotas/:studentId` (admin): one student's own limits. */
export const setStudentQuota = (hackathonId: string, studentId: string, body: BodyOf<'hackathons.setStudentQuota'>) =>
  call(
    api.PUT('/api/v1/hackathons/{id}/quotas/{studentId}', { params: { path: { id: hackathonId, studentId } }, body }),
  );
