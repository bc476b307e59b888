import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../../config/env.schema';
import { Clock } from '../clock';
import { Attempt, failureReason, isFinalFailure } from './job-failure';
import { HandlesJob, JOB_HANDLER, JobContext, JobHandlerTarget } from './job-handler.decorator';
import { JOB_NAMES, QUEUE_NAMES, QueueName, REPORTED_QUEUES } from './job-catalogue';
import { JobQueue } from './job-queue.service';
import { JobReports } from './job-reports';
import { StandingSchedules } from './standing-schedules';
import { bullPrefix, settlesWithin } from './queue-defaults';
import { disconnectAndWait } from '../redis/disconnect';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of every queue and job live in one map
type AnyHandler = HandlesJob<any, any>;
type AnyJob = Job<Record<string, unknown> & { requestedBy?: string | null }>;

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
    private readonly reports: JobReports,
    private readonly queues: JobQueue,
    private readonly schedules: StandingSchedules,
    private readonly clock: Clock,
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
    // Admin jobs are heavy and some must not interleave (two assignment runs of one
    // hackathon): one at a time across every worker process (BullMQ's global concurrency).
    // Kept in Redis only: registered again after a flush or a restart (StandingSchedules).
    await this.schedules.keep('concurrence globale de la file admin', () =>
      this.queues
        .queue('admin')
        .setGlobalConcurrency(1)
        .then(() => undefined),
    );
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
    const worker = new Worker(queue, (job: AnyJob) => this.run(queue, job, handlers), {
      connection,
      prefix: bullPrefix(this.config),
      concurrency: this.concurrency(queue),
      lockDuration: this.config.WORKER_LOCK_MS,
      stalledInterval: Math.max(500, Math.floor(this.config.WORKER_LOCK_MS / 2)),
      // A worker killed mid-job is not the job's fault: its next run gets its attempts back.
      maxStalledCount: 5,
      autorun: true,
    });
    worker.on('failed', (job, err) => {
      if (job) void this.onFailed(queue, job as AnyJob, err, handlers);
    });
    worker.on('error', (err) => this.logger.warn(`worker ${queue} : ${err.message}`));
    return worker;
  }

  private attemptOf(queue: QueueName, job: Job): Attempt {
    const attempt = { number: job.attemptsMade + 1, max: job.opts.attempts ?? 1 };
    // An answer retries outages for a window from its queueing (queue-defaults.ts), however slow its attempts.
    return queue === 'ai' ? { ...attempt, retryUntil: job.timestamp + this.config.AI_RETRY_WINDOW_MS } : attempt;
  }

  private context(queue: QueueName, job: AnyJob): JobContext {
    const reported = REPORTED_QUEUES.includes(queue);
    let last = 0;
    return {
      id: String(job.id),
      attempt: this.attemptOf(queue, job),
      progress: async (percent) => {
        const p = Math.max(0, Math.min(99, Math.floor(percent)));
        if (p <= last) return;
        last = p;
        await job.updateProgress(p);
        if (reported) await this.reports.progressed(String(job.id), p);
      },
    };
  }

  /**
   * One run of one job: its report follows (reported queues), and a failure is final by the
   * one rule of job-failure.ts — then the handler's `onFinalFailure` runs and BullMQ is told
   * not to try again. Results of reported jobs stay in MongoDB, out of Redis.
   */
  private async run(queue: QueueName, job: AnyJob, handlers: Map<string, AnyHandler>): Promise<unknown> {
    const handler = handlers.get(`${queue}/${job.name}`);
    if (!handler) throw new UnrecoverableError(`aucun processeur pour ${queue}/${job.name}`);
    const reported = REPORTED_QUEUES.includes(queue);
    const ctx = this.context(queue, job);
    const id = String(job.id);
    if (reported)
      await this.reports.started(id, job.name, job.data.requestedBy ?? null, ctx.attempt.number, this.clock.now());
    try {
      const result = await handler.handle(job.data, ctx);
      if (!reported) return result;
      // BullMQ's own progress (the queue board) first; the report — what the API answers —
      // then shows 100 % and the result in one write.
      await job.updateProgress(100);
      await this.reports.completed(id, result, this.clock.now());
      return null;
    } catch (err) {
      // Wall-clock time, as BullMQ's own job timestamp that `retryUntil` counts from.
      const final = isFinalFailure(err, ctx.attempt, Date.now());
      const reason = failureReason(err);
      if (reported)
        await this.reports
          .failed(id, reason, final, this.clock.now())
          .catch((e: Error) => this.logger.warn(`rapport ${id} non écrit : ${e.message}`));
      if (!final) throw err;
      await handler.onFinalFailure?.(job.data, err as Error, ctx);
      throw err instanceof UnrecoverableError ? err : new UnrecoverableError(reason);
    }
  }

  /** Logs every failure; a job failed by the stalled-job check (it never reached `run`'s catch) is finished here. */
  private async onFailed(queue: QueueName, job: AnyJob, err: Error, handlers: Map<string, AnyHandler>) {
    const handled = err instanceof UnrecoverableError;
    const final = handled || (await job.getState().catch(() => 'unknown')) === 'failed';
    this.logger.warn(
      { queue, job: job.name, jobId: job.id, attempt: job.attemptsMade, requestId: job.data?.requestId },
      `job ${queue}/${job.name} ${final ? 'en échec définitif' : 'en échec, nouvel essai prévu'} : ${err.message}`,
    );
    if (final && !handled) await this.finalFailure(queue, job, err, handlers);
  }

  private async finalFailure(queue: QueueName, job: AnyJob, err: Error, handlers: Map<string, AnyHandler>) {
    const handler = handlers.get(`${queue}/${job.name}`);
    try {
      if (REPORTED_QUEUES.includes(queue))
        await this.reports.failed(String(job.id), failureReason(err), true, this.clock.now());
      await handler?.onFinalFailure?.(job.data, err, this.context(queue, job));
    } catch (e) {
      this.logger.warn(`traitement de l'échec définitif de ${queue}/${job.name} impossible : ${(e as Error).message}`);
    }
  }

  /** Finish active jobs within the deadline; past it, hand them back (they will be retried). */
  async onApplicationShutdown(): Promise<void> {
    if (!this.workers.length) return;
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    if (!(await settlesWithin(graceful, this.config.SHUTDOWN_TIMEOUT_MS))) {
      this.logger.warn(`arrêt : jobs encore actifs après ${this.config.SHUTDOWN_TIMEOUT_MS} ms, rendus à la file`);
      // A job that ended while Redis is away is handed back by BullMQ in a retry loop that no
      // longer pauses once the worker closes; on a dropped socket every try fails at once, so
      // the loop never yields and the process spins. Past the deadline nothing is handed back
      // (the stalled-job check retries the job): those calls end at once from here on.
      for (const w of this.workers as unknown as { handleFailed: unknown; handleCompleted: unknown }[]) {
        w.handleFailed = () => Promise.resolve(undefined);
        w.handleCompleted = () => Promise.resolve(undefined);
      }
      const forced = Promise.all(this.workers.map((w) => w.close(true)));
      if (!(await settlesWithin(forced, 1000))) {
        // Redis unreachable: nothing can be handed back; drop the sockets so the process exits.
        // Locks expire and BullMQ's stalled-job check gives the jobs to another worker.
        // (Synchronous: the connections' ready promises may never settle while Redis is away.)
        for (const w of this.workers as unknown as {
          connection?: { _client?: Redis };
          blockingConnection?: { _client?: Redis };
        }[]) {
          w.connection?._client?.disconnect();
          w.blockingConnection?._client?.disconnect();
        }
      }
    }
    await Promise.all(this.connections.map((c) => disconnectAndWait(c)));
  }
}
