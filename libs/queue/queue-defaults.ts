import type { JobsOptions } from 'bullmq';
import type { QueueName } from './job-catalogue';

/**
 * Attempts of the AI queue: enough exponential retries from `backoffBaseMs` to span
 * `retryWindowMs` (1 s and 2 min: 8 attempts, the last ~2 min after the first), so an LLM or
 * engine outage of a minute or two delays answers instead of failing them. The window itself
 * ends the retries of a job whose attempts are slow (a hanging provider): queue-workers.host.ts.
 */
export function aiAttempts(backoffBaseMs: number, retryWindowMs: number): number {
  return Math.max(4, 1 + Math.ceil(Math.log2(retryWindowMs / backoffBaseMs + 1)));
}

/**
 * Attempts, backoff and retention of each queue, in one place. `backoffBaseMs` is the first
 * retry delay (exponential after that); tests make it short.
 */
export function defaultJobOptions(queue: QueueName, backoffBaseMs: number, aiRetryWindowMs: number): JobsOptions {
  const keepCompleted = { age: 24 * 3600, count: 10000 };
  // A job keeps the stacks of its last failures only (BullMQ keeps every one by default).
  const stackTraceLimit = 5;
  const keepFailed = { age: 7 * 24 * 3600 };
  switch (queue) {
    case 'ai':
      return {
        attempts: aiAttempts(backoffBaseMs, aiRetryWindowMs),
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
