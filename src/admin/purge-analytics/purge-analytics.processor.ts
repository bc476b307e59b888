import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, PurgeAnalyticsJob } from '../../../libs/queue';
import { AdminJobRunner } from '../admin-jobs/admin-job.runner';
import { PurgeAnalyticsUseCase } from './purge-analytics.usecase';

@Injectable()
@JobHandler('admin', 'purge-analytics')
export class PurgeAnalyticsProcessor implements HandlesJob<'admin', 'purge-analytics'> {
  constructor(
    private readonly runner: AdminJobRunner,
    private readonly purge: PurgeAnalyticsUseCase,
  ) {}

  handle(_data: PurgeAnalyticsJob, job: Job<PurgeAnalyticsJob>) {
    return this.runner.run(job, (progress) => this.purge.execute(progress));
  }
}
