import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { AppError } from '../../../libs/http';
import { AssignExaminersJob, HandlesJob, JobHandler } from '../../../libs/queue';
import { AssignExaminersUseCase } from './assign-examiners.usecase';

/** Thin: unpack, call the use case; a policy error (4xx) is final, anything else retries. */
@Injectable()
@JobHandler('admin', 'assign-examiners')
export class AssignExaminersProcessor implements HandlesJob<'admin', 'assign-examiners'> {
  constructor(private readonly assign: AssignExaminersUseCase) {}

  async handle(data: AssignExaminersJob, job: Job) {
    try {
      return await this.assign.execute(data, String(job.id), (p) => job.updateProgress(p));
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && err.code !== 'RESOURCE_BUSY')
        throw new UnrecoverableError(`${err.code}: ${err.message}`);
      throw err;
    }
  }
}
