import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, TryChecksJob } from '../../../libs/queue';
import { RunEssaiVerificationUseCase } from './run-essai-verification.usecase';

/** Thin: unpack, call the use case, let errors propagate (ReplayRetryLater: the queue tries again). */
@Injectable()
@JobHandler('ai', 'try-checks')
export class RunEssaiVerificationProcessor implements HandlesJob<'ai', 'try-checks'> {
  constructor(private readonly run: RunEssaiVerificationUseCase) {}

  handle(data: TryChecksJob) {
    return this.run.execute(data);
  }

  onFinalFailure(data: TryChecksJob, error: Error) {
    return this.run.fail(data, error);
  }
}
