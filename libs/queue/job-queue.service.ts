import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { CommonErrors } from '../http/app-error';
import { requestContext } from '../http/request-context';
import { JobEnvelope, JobName, JobPayload, QUEUE_NAMES, QueueName } from './job-catalogue';

export interface EnqueueOptions {
  /** Deterministic id: a second enqueue with the same id is a no-op (BullMQ dedupes by id). */
  jobId?: string;
  delay?: number;
  priority?: number;
  attempts?: number;
}

const ENQUEUE_TIMEOUT_MS = 2000;

/** The one place that enqueues. A Redis outage becomes `503 QUEUE_UNAVAILABLE`. */
@Injectable()
export class JobQueue implements OnApplicationBootstrap {
  private readonly logger = new Logger('JobQueue');
  private readonly queues = new Map<QueueName, Queue>();
  private readonly silenced = new Set<QueueName>();

  constructor(@Inject(ModuleRef) private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, q);
    }
    return q;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Queues fail fast while Redis is away (no offline queue); give them a moment to connect
    // so the first requests after start do not fail, without blocking a start without Redis.
    await Promise.race([
      Promise.allSettled(QUEUE_NAMES.map((n) => this.queue(n).waitUntilReady())),
      new Promise((resolve) => setTimeout(resolve, 2000).unref()),
    ]);
  }

  async enqueue<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    data: JobPayload<Q, N>,
    options: EnqueueOptions = {},
  ): Promise<Job> {
    const payload: JobPayload<Q, N> & JobEnvelope = { ...data, requestId: requestContext.current()?.requestId };
    const opts: JobsOptions = {};
    if (options.jobId) opts.jobId = options.jobId;
    if (options.delay) opts.delay = options.delay;
    if (options.priority) opts.priority = options.priority;
    if (options.attempts) opts.attempts = options.attempts;
    try {
      return await Promise.race([
        this.queue(queue).add(name, payload, opts),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('enqueue timeout')), ENQUEUE_TIMEOUT_MS).unref(),
        ),
      ]);
    } catch (err) {
      this.logger.error(`mise en file impossible (${queue}/${name}) : ${(err as Error).message}`);
      throw CommonErrors.queueUnavailable();
    }
  }

  /**
   * Registers (or replaces) a repeatable job: `upsertJobScheduler` is idempotent, so every
   * worker start leaves exactly one scheduler per id.
   */
  async schedule<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    schedulerId: string,
    everyMs: number,
    name: N,
    data: JobPayload<Q, N>,
  ): Promise<void> {
    const q = this.queue(queue);
    if (!this.silenced.has(queue)) {
      // The scheduler forwards its Redis client's errors to the queue; with no listener BullMQ
      // prints each reconnection failure. They surface where commands fail (503) instead.
      q.on('error', () => undefined);
      this.silenced.add(queue);
    }
    await q.waitUntilReady();
    await q.upsertJobScheduler(schedulerId, { every: everyMs }, { name, data });
  }

  async getJob(queue: QueueName, id: string): Promise<Job | undefined> {
    return this.queue(queue).getJob(id);
  }
}
