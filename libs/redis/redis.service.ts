import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { AppConfig } from '../../config/env.schema';
import { disconnectAndWait } from './disconnect';

/**
 * ioredis options for the service's own commands: fail fast while Redis is away. No offline
 * queue (a command sent while disconnected fails at once), and a bound on every command, so a
 * Redis that stopped answering without closing the socket costs REDIS_COMMAND_TIMEOUT_MS, not
 * a hang; the error becomes `503 REDIS_UNAVAILABLE` (libs/http/outages.ts).
 */
export function redisOptions(config: AppConfig, extra: RedisOptions = {}): RedisOptions {
  return {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...extra,
  };
}

/**
 * The shared Redis connection (cache, throttler, quota gate, streams) and the key prefix
 * that keeps deployments and test runs apart in one Redis.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: Redis;
  readonly prefix: string;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    this.prefix = config.REDIS_PREFIX;
    // Named after the deployment's prefix, so `CLIENT LIST` tells whose connection is whose.
    this.client = new Redis(config.REDIS_URL, redisOptions(config, { connectionName: `${config.REDIS_PREFIX}:main` }));
    let lastError = '';
    this.client.on('error', (err: Error) => {
      // ioredis emits the same error on every reconnect attempt: log changes only.
      if (err.message !== lastError) this.logger.warn(`Redis indisponible : ${err.message}`);
      lastError = err.message;
    });
    this.client.on('ready', () => {
      if (lastError) this.logger.log('Redis de nouveau disponible');
      lastError = '';
    });
  }

  key(...parts: (string | number)[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /**
   * A dedicated connection (blocking reads such as XREAD BLOCK must not share the main one);
   * without the main client's command timeout, which a blocking read or a subscription outlives.
   */
  duplicate(extra: RedisOptions = {}): Redis {
    const copy = this.client.duplicate({ commandTimeout: undefined, ...extra });
    copy.on('error', () => undefined);
    return copy;
  }

  async ping(timeoutMs = 1000): Promise<boolean> {
    try {
      const answer = await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
      ]);
      return answer === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await disconnectAndWait(this.client);
  }
}
