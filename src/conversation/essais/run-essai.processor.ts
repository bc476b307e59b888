import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, RunEssaiJob } from '../../../libs/queue';
import { RunEssaiUseCase } from './run-essai.usecase';

/** Thin: unpack, call the use case, let errors propagate (a busy provider: the queue tries again). */
@Injectable()
@JobHandler('ai', 'run-essai')
export class RunEssaiProcessor implements HandlesJob<'ai', 'run-essai'> {
  constructor(private readonly run: RunEssaiUseCase) {}

  handle(data: RunEssaiJob) {
    return this.run.execute(data);
  }

  onFinalFailure(data: RunEssaiJob, error: Error) {
    return this.run.fail(data, error);
  }
}
