import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { CommonErrors } from '../http/app-error';
import { requestContext } from '../http/request-context';
import { Types } from 'mongoose';
import { JobEnvelope, JobName, JobPayload, QUEUE_NAMES, QueueName, REPORTED_QUEUES } from './job-catalogue';
import { JobReports } from './job-reports';

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

  constructor(
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    private readonly reports: JobReports,
  ) {}

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

  /**
   * Queues one job. A job of a reported queue gets an ObjectId id and a `waiting` report
   * first, so `GET /admin/jobs/:id` answers for it from the moment its id is handed out.
   */
  async enqueue<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    data: JobPayload<Q, N>,
    options: EnqueueOptions = {},
  ): Promise<Job> {
    const payload: JobPayload<Q, N> & JobEnvelope = { ...data, requestId: requestContext.current()?.requestId };
    const reported = REPORTED_QUEUES.includes(queue);
    const opts: JobsOptions = {};
    const jobId = options.jobId ?? (reported ? new Types.ObjectId().toHexString() : undefined);
    if (jobId) opts.jobId = jobId;
    if (options.delay) opts.delay = options.delay;
    if (options.priority) opts.priority = options.priority;
    if (options.attempts) opts.attempts = options.attempts;
    if (reported && jobId) {
      const requestedBy = (data as { requestedBy?: string | null }).requestedBy ?? null;
      await this.reports.create(jobId, name, requestedBy);
    }
    try {
      return await Promise.race([
        this.queue(queue).add(name, payload, opts),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('enqueue timeout')), ENQUEUE_TIMEOUT_MS).unref(),
        ),
      ]);
    } catch (err) {
      this.logger.error(`mise en file impossible (${queue}/${name}) : ${(err as Error).message}`);
      if (reported && jobId) await this.reports.remove(jobId).catch(() => undefined);
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
