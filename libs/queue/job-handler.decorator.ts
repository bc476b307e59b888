import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobEnvelope, JobName, JobPayload, QueueName } from './job-catalogue';

export const JOB_HANDLER = 'queue:job-handler';

export interface JobHandlerTarget {
  queue: QueueName;
  name: string;
}

/** Marks a provider as the handler of one catalogue job; the worker host finds it. */
export const JobHandler = <Q extends QueueName>(queue: Q, name: JobName<Q>) =>
  SetMetadata(JOB_HANDLER, { queue, name } satisfies JobHandlerTarget);

/** A processor: thin — unpack the job, call the use case, let errors propagate. */
export interface HandlesJob<Q extends QueueName, N extends JobName<Q>> {
  handle(data: JobPayload<Q, N> & JobEnvelope, job: Job<JobPayload<Q, N> & JobEnvelope>): Promise<unknown>;
}
