import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, VerifySubmissionJob } from '../../../libs/queue';
import { VerifySubmissionUseCase } from './verify-submission.usecase';

/** Thin: unpack, call the use case, let errors propagate (ReplayRetryLater: the queue tries again). */
@Injectable()
@JobHandler('ai', 'verify-submission')
export class VerifySubmissionProcessor implements HandlesJob<'ai', 'verify-submission'> {
  constructor(private readonly verify: VerifySubmissionUseCase) {}

  handle(data: VerifySubmissionJob) {
    return this.verify.execute(data);
  }

  onFinalFailure(data: VerifySubmissionJob, error: Error) {
    return this.verify.fail(data, error);
  }
}
