import type { Schema } from '@prompt-challenge/api-client';
import { api } from '../../api/client';
import { call } from '../../api/errors';
import type { JobReport } from './jobs';

export type AdminJobName =
  | 'archive-conversations'
  | 'cleanup-magic-links'
  | 'export-conversations'
  | 'export-results'
  | 'import-users'
  | 'integrity-check'
  | 'purge-analytics';

type JobBody =
  | Schema<'NoParamsDto'>
  | Schema<'IntegrityCheckDto'>
  | Schema<'ArchiveConversationsDto'>
  | Schema<'ExportResultsDto'>
  | Schema<'ExportConversationsDto'>
  | Schema<'ImportUsersDto'>;

/** Starts an admin job (`POST /admin/jobs/:name`); its id. */
export async function startAdminJob(name: AdminJobName, body: JobBody): Promise<string> {
  return (await call(api.POST('/api/v1/admin/jobs/{name}', { params: { path: { name } }, body }))).jobId;
}

/** An admin job's report (`GET /admin/jobs/:id`). */
export function adminJobReport(id: string): Promise<JobReport> {
  return call(api.GET('/api/v1/admin/jobs/{id}', { params: { path: { id } } }));
}
