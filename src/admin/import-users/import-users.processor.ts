import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, ImportUsersJob, JobHandler } from '../../../libs/queue';
import { AdminJobRunner } from '../admin-jobs/admin-job.runner';
import { ImportUsersUseCase } from './import-users.usecase';

@Injectable()
@JobHandler('admin', 'import-users')
export class ImportUsersProcessor implements HandlesJob<'admin', 'import-users'> {
  constructor(
    private readonly runner: AdminJobRunner,
    private readonly importUsers: ImportUsersUseCase,
  ) {}

  handle(data: ImportUsersJob, job: Job<ImportUsersJob>) {
    return this.runner.run(job, (progress) => this.importUsers.execute(data, String(job.id), progress));
  }
}
