// A hackathon's roster (admin).
import { api } from './client';
import { call } from './errors';
import type { QueryOf } from './types';

/** `GET /hackathons/:id/participants`: a page of participants with their quotas. */
export const listParticipants = (hackathonId: string, query: QueryOf<'hackathons.listParticipants'>) =>
  call(api.GET('/api/v1/hackathons/{id}/participants', { params: { path: { id: hackathonId }, query } }));

/** `PUT /hackathons/:id/participants`: the whole roster. */
export const setParticipants = (hackathonId: string, studentIds: string[]) =>
  call(
    api.PUT('/api/v1/hackathons/{id}/participants', { params: { path: { id: hackathonId } }, body: { studentIds } }),
  );
