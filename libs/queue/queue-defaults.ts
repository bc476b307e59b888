import type { JobsOptions } from 'bullmq';
import type { QueueName } from './job-catalogue';

/**
 * Attempts, backoff and retention of each queue, in one place. `backoffBaseMs` is the first
 * retry delay (exponential after that); tests make it short.
 */
export function defaultJobOptions(queue: QueueName, backoffBaseMs: number): JobsOptions {
  const keepCompleted = { age: 24 * 3600, count: 10000 };
  // A job keeps the stacks of its last failures only (BullMQ keeps every one by default).
  const stackTraceLimit = 5;
  const keepFailed = { age: 7 * 24 * 3600 };
  switch (queue) {
    case 'ai':
      return {
        attempts: 4,
        backoff: { type: 'exponential', delay: backoffBaseMs },
        stackTraceLimit,
        removeOnComplete: keepCompleted,
        removeOnFail: keepFailed,
      };
    case 'mail':
      return {
        attempts: 5,
        backoff: { type: 'exponential', delay: backoffBaseMs * 2 },
        stackTraceLimit,
        removeOnComplete: keepCompleted,
        removeOnFail: keepFailed,
      };
    case 'admin':
      return {
        attempts: 3,
        backoff: { type: 'exponential', delay: backoffBaseMs * 5 },
        stackTraceLimit,
        removeOnComplete: keepCompleted,
        removeOnFail: keepFailed,
      };
  }
}

/** Every BullMQ key lives under the deployment's Redis prefix. */
export function bullPrefix(config: { REDIS_PREFIX: string }): string {
  return `${config.REDIS_PREFIX}:bull`;
}

/** True when `p` settled (either way) within `ms`; used to bound shutdowns while Redis is away. */
export async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  const done = p.then(
    () => true,
    () => true,
  );
  return Promise.race([done, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
}
