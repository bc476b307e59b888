import type { ImportUsersJob, JobName, JobPayload } from '../../../libs/queue';
import {
  ArchiveConversationsDto,
  ExportConversationsDto,
  ExportResultsDto,
  ImportUsersDto,
  IntegrityCheckDto,
  NoParamsDto,
} from './start-job.dto';

// Started by their own routes: POST /hackathons/:id/assignments and /hackathons/:id/verifications.
export type AdminJobName = Exclude<JobName<'admin'>, 'assign-examiners' | 'rerun-verifications'>;

interface AdminJobDefinition<N extends AdminJobName> {
  body: new () => object;
  /** `jobId` also names what the job keeps in MongoDB (`input`). Method syntax: each definition types its body. */
  payload(body: unknown, requestedBy: string, now: Date, jobId: string): JobPayload<'admin', N>;
  /** Text the job needs that must not travel through Redis: stored in `job_inputs` under the job id. */
  input?(body: unknown): string;
}

const DAY_MS = 24 * 3600 * 1000;

/** The jobs an admin may start through `POST /admin/jobs/:name`, with their body. */
export const ADMIN_JOBS: { [N in AdminJobName]: AdminJobDefinition<N> } = {
  'cleanup-magic-links': { body: NoParamsDto, payload: (_b, requestedBy) => ({ requestedBy }) },
  'integrity-check': {
    body: IntegrityCheckDto,
    payload: (b: IntegrityCheckDto, requestedBy) => ({ requestedBy, dryRun: b.dryRun === true }),
  },
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
    payload: (b: ExportResultsDto, requestedBy) => ({
      hackathonId: b.hackathonId.toLowerCase(),
      pseudonymes: b.pseudonymes === true,
      requestedBy,
    }),
  },
  'export-conversations': {
    body: ExportConversationsDto,
    payload: (b: ExportConversationsDto, requestedBy) => ({
      hackathonId: b.hackathonId.toLowerCase(),
      pseudonymes: b.pseudonymes === true,
      format: b.format ?? 'jsonl',
      requestedBy,
    }),
  },
  'purge-analytics': { body: NoParamsDto, payload: (_b, requestedBy) => ({ requestedBy }) },
  'import-users': {
    body: ImportUsersDto,
    payload: (b: ImportUsersDto, requestedBy, _now, jobId): ImportUsersJob => ({
      inputId: jobId,
      hackathonId: b.hackathonId?.toLowerCase(),
      requestedBy,
    }),
    input: (b: ImportUsersDto) => b.csv,
  },
};

export function isAdminJobName(name: string): name is AdminJobName {
  return Object.prototype.hasOwnProperty.call(ADMIN_JOBS, name);
}
