import { SetMetadata } from '@nestjs/common';
import type { Attempt } from './job-failure';
import type { JobEnvelope, JobName, JobPayload, QueueName } from './job-catalogue';

export const JOB_HANDLER = 'queue:job-handler';

export interface JobHandlerTarget {
  queue: QueueName;
  name: string;
}

/** Marks a provider as the handler of one catalogue job; the worker host finds it. */
export const JobHandler = <Q extends QueueName>(queue: Q, name: JobName<Q>) =>
  SetMetadata(JOB_HANDLER, { queue, name } satisfies JobHandlerTarget);

/** What a handler knows of the run it is in. */
export interface JobContext {
  id: string;
  attempt: Attempt;
  /** Reports progress 0–100 (rounded, clamped, only ever forward); kept in the job's report. */
  progress: (percent: number) => Promise<void>;
}

/**
 * A processor: thin — unpack the job, call the use case, let errors propagate. The worker
 * host decides with one rule whether a failure is final (libs/queue/job-failure.ts); then,
 * and only then, it calls `onFinalFailure` (idempotent: it may be called again for a job
 * that a dead worker left behind). What `handle` returns is the job's result, kept in its
 * report for reported queues.
 */
export interface HandlesJob<Q extends QueueName, N extends JobName<Q>> {
  handle(data: JobPayload<Q, N> & JobEnvelope, ctx: JobContext): Promise<unknown>;
  onFinalFailure?(data: JobPayload<Q, N> & JobEnvelope, error: Error, ctx: JobContext): Promise<void>;
}

/** Reports progress 0–100 of a long job (see JobContext.progress). */
export type ProgressReporter = JobContext['progress'];
