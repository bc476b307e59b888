import { Injectable } from '@nestjs/common';
import { AssignExaminersJob, HandlesJob, JobContext, JobHandler } from '../../../libs/queue';
import { AssignExaminersUseCase } from './assign-examiners.usecase';

/** Thin: unpack, call the use case; the worker host keeps its report and decides when a failure is final. */
@Injectable()
@JobHandler('admin', 'assign-examiners')
export class AssignExaminersProcessor implements HandlesJob<'admin', 'assign-examiners'> {
  constructor(private readonly assign: AssignExaminersUseCase) {}

  handle(data: AssignExaminersJob, ctx: JobContext) {
    return this.assign.execute(data, ctx.id, ctx.progress);
  }
}
