import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { MongooseModule } from '@nestjs/mongoose';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { AppConfig } from '../../config/env.schema';
import { QUEUE_NAMES } from './job-catalogue';
import { bullPrefix, defaultJobOptions, settlesWithin } from './queue-defaults';
import { disconnectAndWait } from '../redis/disconnect';
import { JobQueue } from './job-queue.service';
import { JobReport, JobReportSchema } from './job-report.schema';
import { JobReports } from './job-reports';
import { QueueWorkersHost } from './queue-workers.host';
import { StandingSchedules } from './standing-schedules';

/**
 * Producers run without an offline queue (fail fast), so closing one while Redis is away
 * rejects; shutting down must still succeed then.
 */
export class ResilientQueue extends Queue {
  override async close(): Promise<void> {
    await settlesWithin(super.close(), 1000);
    // A client that lost Redis (quit can neither be sent nor queued) is marked closed by BullMQ
    // but keeps its reconnect timer, which holds the process up to 20 s: drop the socket and the
    // timer (a no-op on a client that quit). Not through `this.client`: it may never settle then.
    await disconnectAndWait((this as unknown as { connection?: { _client?: Redis } }).connection?._client);
  }
}
BullModule.queueClass = ResilientQueue;

@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const backoff = config.JOB_BACKOFF_BASE_MS;
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        MongooseModule.forFeature([{ name: JobReport.name, schema: JobReportSchema }]),
        BullModule.forRoot({
          // Producers fail fast while Redis is away (API answers 503), never queue in memory.
          connection: {
            url: config.REDIS_URL,
            enableOfflineQueue: false,
            maxRetriesPerRequest: 1,
            connectTimeout: 2000,
          },
          prefix: bullPrefix(config),
        }),
        BullModule.registerQueue(
          ...QUEUE_NAMES.map((name) => ({
            name,
            defaultJobOptions: defaultJobOptions(name, backoff, config.AI_RETRY_WINDOW_MS),
          })),
        ),
      ],
      providers: [JobQueue, JobReports, QueueWorkersHost, StandingSchedules],
      exports: [JobQueue, JobReports, QueueWorkersHost, StandingSchedules, BullModule],
    };
  }
}
