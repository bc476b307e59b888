// Hackathons as everyone reads them (a student's list and page), and the models they may use.
import { api } from './client';
import { call } from './errors';
import type { QueryOf } from './types';

/** `GET /hackathons`: a page of the hackathons the person may see. */
export const listHackathons = (query: QueryOf<'hackathons.list'>) =>
  call(api.GET('/api/v1/hackathons', { params: { query } }));

/** `GET /hackathons/:id`. */
export const getHackathon = (id: string) => call(api.GET('/api/v1/hackathons/{id}', { params: { path: { id } } }));

/** `GET /ai/models`: the models, and the temperature and answer-length ranges allowed. */
export const aiModels = () => call(api.GET('/api/v1/ai/models'));
