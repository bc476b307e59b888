import type { ImportUsersJob, JobName, JobPayload } from '../../../libs/queue';
import { ArchiveConversationsDto, ExportResultsDto, ImportUsersDto, NoParamsDto } from './start-job.dto';

export type AdminJobName = Exclude<JobName<'admin'>, 'assign-examiners'>;

interface AdminJobDefinition<N extends AdminJobName> {
  body: new () => object;
  payload: (body: any, requestedBy: string, now: Date) => JobPayload<'admin', N>;
}

const DAY_MS = 24 * 3600 * 1000;

/** The jobs an admin may start through `POST /admin/jobs/:name`, with their body. */
export const ADMIN_JOBS: { [N in AdminJobName]: AdminJobDefinition<N> } = {
  'cleanup-magic-links': { body: NoParamsDto, payload: (_b, requestedBy) => ({ requestedBy }) },
  'integrity-check': { body: NoParamsDto, payload: (_b, requestedBy) => ({ requestedBy }) },
  'archive-conversations': {
    body: ArchiveConversationsDto,
    payload: (b: ArchiveConversationsDto, requestedBy, now) => ({
      olderThanDays: b.olderThanDays,
      before: new Date(now.getTime() - b.olderThanDays * DAY_MS).toISOString(),
      requestedBy,
    }),
  },
  'export-results': {
    body: ExportResultsDto,
    payload: (b: ExportResultsDto, requestedBy) => ({ hackathonId: b.hackathonId.toLowerCase(), requestedBy }),
  },
  'purge-analytics': { body: NoParamsDto, payload: (_b, requestedBy) => ({ requestedBy }) },
  'import-users': {
    body: ImportUsersDto,
    payload: (b: ImportUsersDto, requestedBy): ImportUsersJob => ({ csv: b.csv, requestedBy }),
  },
};

export function isAdminJobName(name: string): name is AdminJobName {
  return Object.prototype.hasOwnProperty.call(ADMIN_JOBS, name);
}
