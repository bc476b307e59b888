import { Injectable } from '@nestjs/common';
import { GenerateReplyJob, HandlesJob, JobHandler } from '../../../libs/queue';
import { GenerateReplyUseCase } from './generate-reply.usecase';

/** Thin: unpack, call the use case, let errors propagate; the worker host decides when one is final. */
@Injectable()
@JobHandler('ai', 'generate-reply')
export class GenerateReplyProcessor implements HandlesJob<'ai', 'generate-reply'> {
  constructor(private readonly generate: GenerateReplyUseCase) {}

  handle(data: GenerateReplyJob) {
    return this.generate.execute(data);
  }

  onFinalFailure(data: GenerateReplyJob, error: Error) {
    return this.generate.fail(data, error);
  }
}
