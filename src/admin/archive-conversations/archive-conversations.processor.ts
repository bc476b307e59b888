import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ArchiveConversationsJob, HandlesJob, JobHandler } from '../../../libs/queue';
import { AdminJobRunner } from '../admin-jobs/admin-job.runner';
import { ArchiveConversationsUseCase } from './archive-conversations.usecase';

@Injectable()
@JobHandler('admin', 'archive-conversations')
export class ArchiveConversationsProcessor implements HandlesJob<'admin', 'archive-conversations'> {
  constructor(
    private readonly runner: AdminJobRunner,
    private readonly archive: ArchiveConversationsUseCase,
  ) {}

  handle(data: ArchiveConversationsJob, job: Job<ArchiveConversationsJob>) {
    return this.runner.run(job, (progress) => this.archive.execute(data, progress));
  }
}
