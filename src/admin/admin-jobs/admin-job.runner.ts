import { Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { Clock } from '../../../libs/clock';
import { AppError } from '../../../libs/http';
import { JobReportRepository } from '../job-report.repository';

/** Reports progress 0–100; rounds, clamps and only ever moves forward. */
export type ProgressReporter = (percent: number) => Promise<void>;

/**
 * Runs one admin job's work and keeps its report (MongoDB) in step with BullMQ: active when
 * it starts, progress as it goes, completed with its result, or the failure reason — final
 * only when BullMQ will not try again. Processors stay thin: they call `run`.
 *
 * The result lives in the report only: BullMQ keeps a job's return value in Redis (24 h, shown
 * by the queue board), and a result may hold personal data (an import's rejected emails), so
 * the job returns just the report's id (`GET /admin/jobs/:id` reads the report).
 */
export interface AdminJobReturn {
  reportId: string;
}

@Injectable()
export class AdminJobRunner {
  private readonly logger = new Logger('AdminJobs');

  constructor(
    private readonly reports: JobReportRepository,
    private readonly clock: Clock,
  ) {}

  async run<T>(
    job: Job<{ requestedBy?: string | null }>,
    work: (progress: ProgressReporter) => Promise<T>,
  ): Promise<AdminJobReturn> {
    const id = String(job.id);
    await this.reports.started(id, job.name, job.data?.requestedBy ?? null, job.attemptsMade + 1, this.clock.now());
    let last = 0;
    const progress: ProgressReporter = async (percent) => {
      const p = Math.max(0, Math.min(100, Math.floor(percent)));
      if (p <= last) return;
      last = p;
      await job.updateProgress(p);
      await this.reports.progressed(id, p);
    };
    try {
      const result = await work(progress);
      await job.updateProgress(100);
      await this.reports.completed(id, result ?? null, this.clock.now());
      return { reportId: id };
    } catch (err) {
      const policy = err instanceof AppError && err.status < 500 && err.code !== 'RESOURCE_BUSY';
      const final = policy || err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const reason = err instanceof AppError ? `${err.code}: ${err.message}` : (err as Error).message;
      await this.reports
        .failed(id, reason, final, this.clock.now())
        .catch((e: Error) => this.logger.warn(`rapport ${id} non écrit : ${e.message}`));
      if (policy) throw new UnrecoverableError(reason);
      throw err;
    }
  }
}
