import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CleanupMagicLinksJob, HandlesJob, JobHandler } from '../../../libs/queue';
import { AdminJobRunner } from '../admin-jobs/admin-job.runner';
import { CleanupMagicLinksUseCase } from './cleanup-magic-links.usecase';

@Injectable()
@JobHandler('admin', 'cleanup-magic-links')
export class CleanupMagicLinksProcessor implements HandlesJob<'admin', 'cleanup-magic-links'> {
  constructor(
    private readonly runner: AdminJobRunner,
    private readonly cleanup: CleanupMagicLinksUseCase,
  ) {}

  handle(_data: CleanupMagicLinksJob, job: Job<CleanupMagicLinksJob>) {
    return this.runner.run(job, (progress) => this.cleanup.execute(progress));
  }
}
