import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ExportResultsJob, HandlesJob, JobHandler } from '../../../libs/queue';
import { AdminJobRunner } from '../admin-jobs/admin-job.runner';
import { ExportResultsUseCase } from './export-results.usecase';

@Injectable()
@JobHandler('admin', 'export-results')
export class ExportResultsProcessor implements HandlesJob<'admin', 'export-results'> {
  constructor(
    private readonly runner: AdminJobRunner,
    private readonly exportResults: ExportResultsUseCase,
  ) {}

  handle(data: ExportResultsJob, job: Job<ExportResultsJob>) {
    return this.runner.run(job, (progress) => this.exportResults.execute(data, String(job.id), progress));
  }
}
