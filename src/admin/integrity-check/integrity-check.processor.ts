import { Injectable } from '@nestjs/common';
import { HandlesJob, IntegrityCheckJob, JobHandler, JobContext } from '../../../libs/queue';
import { IntegrityCheckUseCase } from './integrity-check.usecase';

@Injectable()
@JobHandler('admin', 'integrity-check')
export class IntegrityCheckProcessor implements HandlesJob<'admin', 'integrity-check'> {
  constructor(private readonly check: IntegrityCheckUseCase) {}

  handle(data: IntegrityCheckJob, ctx: JobContext) {
    return this.check.execute(ctx.progress, { dryRun: data.dryRun === true });
  }
}
