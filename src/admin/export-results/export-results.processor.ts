import { Injectable } from '@nestjs/common';
import { ExportResultsJob, HandlesJob, JobHandler, JobContext } from '../../../libs/queue';
import { ExportResultsUseCase } from './export-results.usecase';

@Injectable()
@JobHandler('admin', 'export-results')
export class ExportResultsProcessor implements HandlesJob<'admin', 'export-results'> {
  constructor(private readonly exportResults: ExportResultsUseCase) {}

  handle(data: ExportResultsJob, ctx: JobContext) {
    return this.exportResults.execute(data, ctx.id, ctx.progress);
  }
}
