// Results: a student's own, the leaderboard, their publication.
import { api } from './client';
import { call } from './errors';

/** `GET /hackathons/:id/results/me`: the student's graded conversations (`409` before publication). */
export const myResults = (hackathonId: string) =>
  call(api.GET('/api/v1/hackathons/{id}/results/me', { params: { path: { id: hackathonId } } }));

/** `GET /hackathons/:id/leaderboard` (admin). */
export const leaderboard = (hackathonId: string) =>
  call(api.GET('/api/v1/hackathons/{id}/leaderboard', { params: { path: { id: hackathonId } } }));

/** `POST /hackathons/:id/results/publish` (admin): students see their notes. */
export const publishResults = (hackathonId: string) =>
  call(api.POST('/api/v1/hackathons/{id}/results/publish', { params: { path: { id: hackathonId } } }));
