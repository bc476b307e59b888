import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../../config/env.schema';
import { HandlesJob, JOB_HANDLER, JobHandlerTarget } from './job-handler.decorator';
import { JOB_NAMES, QUEUE_NAMES, QueueName } from './job-catalogue';
import { bullPrefix, settlesWithin } from './queue-defaults';

type AnyHandler = HandlesJob<any, any>;

/**
 * Runs the processors, in `worker` and `all` processes only: one BullMQ worker per queue,
 * dispatching by job name to the provider marked `@JobHandler(queue, name)`.
 */
@Injectable()
export class QueueWorkersHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.APP_ROLE !== 'api';
  }

  /** Maps "queue/name" to its handler; throws when a catalogue job has none. */
  collectHandlers(): Map<string, AnyHandler> {
    const handlers = new Map<string, AnyHandler>();
    for (const wrapper of this.discovery.getProviders()) {
      const target: JobHandlerTarget | undefined =
        wrapper.metatype && Reflect.getMetadata(JOB_HANDLER, wrapper.metatype);
      if (!target || !wrapper.instance) continue;
      handlers.set(`${target.queue}/${target.name}`, wrapper.instance as AnyHandler);
    }
    const missing = QUEUE_NAMES.flatMap((q) => JOB_NAMES[q].map((n) => `${q}/${n}`)).filter((k) => !handlers.has(k));
    if (missing.length) throw new Error(`jobs sans processeur : ${missing.join(', ')}`);
    return handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.collectHandlers();
    if (!this.enabled) return;
    for (const queue of QUEUE_NAMES) {
      if (JOB_NAMES[queue].length === 0) continue;
      this.workers.push(this.startWorker(queue, handlers));
    }
    this.logger.log(`processeurs actifs : ${[...handlers.keys()].join(', ')}`);
  }

  private concurrency(queue: QueueName): number {
    return queue === 'ai' ? this.config.AI_WORKER_CONCURRENCY : queue === 'mail' ? 5 : 1;
  }

  private startWorker(queue: QueueName, handlers: Map<string, AnyHandler>): Worker {
    const connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined); // the worker reports its own errors
    this.connections.push(connection);
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const handler = handlers.get(`${queue}/${job.name}`);
        if (!handler) throw new UnrecoverableError(`aucun processeur pour ${queue}/${job.name}`);
        return handler.handle(job.data, job);
      },
      {
        connection,
        prefix: bullPrefix(this.config),
        concurrency: this.concurrency(queue),
        lockDuration: this.config.WORKER_LOCK_MS,
        stalledInterval: Math.max(500, Math.floor(this.config.WORKER_LOCK_MS / 2)),
        autorun: true,
      },
    );
    worker.on('failed', (job, err) => {
      const final = job && (err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1));
      this.logger.warn(
        { queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, requestId: job?.data?.requestId },
        `job ${queue}/${job?.name} ${final ? 'en échec définitif' : 'en échec, nouvel essai prévu'} : ${err.message}`,
      );
    });
    worker.on('error', (err) => this.logger.warn(`worker ${queue} : ${err.message}`));
    return worker;
  }

  /** Finish active jobs within the deadline; past it, hand them back (they will be retried). */
  async onApplicationShutdown(): Promise<void> {
    if (!this.workers.length) return;
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    if (!(await settlesWithin(graceful, this.config.SHUTDOWN_TIMEOUT_MS))) {
      this.logger.warn(`arrêt : jobs encore actifs après ${this.config.SHUTDOWN_TIMEOUT_MS} ms, rendus à la file`);
      const forced = Promise.all(this.workers.map((w) => w.close(true)));
      if (!(await settlesWithin(forced, 1000))) {
        // Redis unreachable: nothing can be handed back; drop the sockets so the process exits.
        // Locks expire and BullMQ's stalled-job check gives the jobs to another worker.
        // (Synchronous: the connections' ready promises may never settle while Redis is away.)
        for (const w of this.workers as any[]) {
          w.connection?._client?.disconnect();
          w.blockingConnection?._client?.disconnect();
        }
      }
    }
    for (const c of this.connections) c.disconnect();
  }
}
