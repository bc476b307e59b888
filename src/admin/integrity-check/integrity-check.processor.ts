import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, IntegrityCheckJob, JobHandler } from '../../../libs/queue';
import { AdminJobRunner } from '../admin-jobs/admin-job.runner';
import { IntegrityCheckUseCase } from './integrity-check.usecase';

@Injectable()
@JobHandler('admin', 'integrity-check')
export class IntegrityCheckProcessor implements HandlesJob<'admin', 'integrity-check'> {
  constructor(
    private readonly runner: AdminJobRunner,
    private readonly check: IntegrityCheckUseCase,
  ) {}

  handle(_data: IntegrityCheckJob, job: Job<IntegrityCheckJob>) {
    return this.runner.run(job, (progress) => this.check.execute(progress));
  }
}
