import { Injectable } from '@nestjs/common';
import { HandlesJob, JobContext, JobHandler, RerunVerificationsJob } from '../../../libs/queue';
import { RerunVerificationsUseCase } from './rerun-verifications.usecase';

/** Thin: unpack, call the use case; the worker host keeps its report. */
@Injectable()
@JobHandler('admin', 'rerun-verifications')
export class RerunVerificationsProcessor implements HandlesJob<'admin', 'rerun-verifications'> {
  constructor(private readonly rerun: RerunVerificationsUseCase) {}

  handle(data: RerunVerificationsJob, ctx: JobContext) {
    return this.rerun.execute(data, ctx.id, ctx.progress);
  }
}
