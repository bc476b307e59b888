// Background jobs (admin): start one, read its report.
import { api } from './client';
import { call } from './errors';
import type { BodyOf, PathOf } from './types';

export type AdminJobName = PathOf<'admin.startJob'>['name'];

/** `POST /admin/jobs/:name`: starts an admin job; its id. */
export const startAdminJob = (name: AdminJobName, body: BodyOf<'admin.startJob'>) =>
  call(api.POST('/api/v1/admin/jobs/{name}', { params: { path: { name } }, body })).then((r) => r.jobId);

/** `GET /admin/jobs/:id`: an admin job's report. */
export const adminJobReport = (id: string) => call(api.GET('/api/v1/admin/jobs/{id}', { params: { path: { id } } }));
