import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, PurgeAnalyticsJob, JobContext } from '../../../libs/queue';
import { PurgeAnalyticsUseCase } from './purge-analytics.usecase';

@Injectable()
@JobHandler('admin', 'purge-analytics')
export class PurgeAnalyticsProcessor implements HandlesJob<'admin', 'purge-analytics'> {
  constructor(private readonly purge: PurgeAnalyticsUseCase) {}

  handle(_data: PurgeAnalyticsJob, ctx: JobContext) {
    return this.purge.execute(ctx.progress);
  }
}
