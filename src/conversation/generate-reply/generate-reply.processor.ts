import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { GenerateReplyJob, HandlesJob, JobHandler } from '../../../libs/queue';
import { GenerateReplyUseCase } from './generate-reply.usecase';

/** Thin: unpack, call the use case, let errors propagate so BullMQ retries. */
@Injectable()
@JobHandler('ai', 'generate-reply')
export class GenerateReplyProcessor implements HandlesJob<'ai', 'generate-reply'> {
  constructor(private readonly generate: GenerateReplyUseCase) {}

  handle(data: GenerateReplyJob, job: Job) {
    return this.generate.execute(data, { number: job.attemptsMade + 1, max: job.opts.attempts ?? 1 });
  }
}
