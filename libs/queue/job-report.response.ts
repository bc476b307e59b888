import { ApiProperty } from '@nestjs/swagger';
import type { JobReportState } from './job-report.schema';

/** `202 {jobId}`: the job is queued; its report is at GET /admin/jobs/:id. */
export class JobAccepted {
  jobId: string;
}

/** A job's report (job-reports.ts), kept in MongoDB so it outlives Redis. */
export class JobReportView {
  id: string;
  name: string;
  state: JobReportState;
  /** 0–100 */
  progress: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Le rapport de la tâche (propre à chaque tâche), null tant qu’elle n’a pas fini',
  })
  result: unknown;
  failedReason: string | null;
  requestedBy: string | null;
  attempts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ format: 'date-time' }) finishedAt: string | null;
}
