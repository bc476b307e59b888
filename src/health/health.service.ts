import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { JobQueue, QUEUE_NAMES } from '../../libs/queue';
import { RedisService } from '../../libs/redis';
import { HealthReport } from './health.response';

export type { HealthReport };

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`pas de réponse en ${ms} ms`)), ms).unref()),
  ]);
}

/** Pings each dependency with a short deadline: a dead one must not hang the probe. */
@Injectable()
export class HealthService {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly redis: RedisService,
    private readonly jobs: JobQueue,
  ) {}

  async mongo(): Promise<HealthReport['mongo']> {
    const started = performance.now();
    try {
      const db = this.connection.db;
      if (!db) throw new Error('pas de connexion');
      await withTimeout(db.admin().ping(), 2000);
      return { status: 'up', responseTimeMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch (err) {
      return { status: 'down', error: (err as Error).message };
    }
  }

  async redisStatus(): Promise<HealthReport['redis']> {
    return (await this.redis.ping(1000)) ? { status: 'up' } : { status: 'down', error: 'Redis ne répond pas' };
  }

  async queueCounts(): Promise<Record<string, Record<string, number>>> {
    const entries = await Promise.all(
      QUEUE_NAMES.map(
        async (q) =>
          [
            q,
            await withTimeout(
              this.jobs.queue(q).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
              1000,
            ),
          ] as const,
      ),
    );
    return Object.fromEntries(entries);
  }
}
