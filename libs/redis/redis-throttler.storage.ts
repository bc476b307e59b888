import { Injectable, Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RedisService } from './redis.service';

// One round trip, atomic: count the hit, start the window on the first one, block past the limit.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return {hits, ttl, blockTtl}
`;

interface LocalCounter {
  hits: number;
  resetAt: number;
  blockedUntil: number;
}

/** Above this many local counters, the expired ones are dropped (bounded memory during a long outage). */
const LOCAL_COUNTERS_SWEEP_AT = 10_000;

/**
 * Throttler counters in Redis, shared by every API process. While Redis is away the same
 * limits are counted in this process instead: the door stays open (a rate limiter must not
 * take the API down with it) and a guesser is still stopped, at worst after the limit times
 * the number of API processes.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private readonly local = new Map<string, LocalCounter>();
  private degraded = false;

  constructor(private readonly redis: RedisService) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const base = this.redis.key('throttle', throttlerName, key);
    try {
      const [hits, ttlMs, blockMs] = (await this.redis.client.eval(
        INCREMENT,
        2,
        base,
        `${base}:blocked`,
        ttl,
        limit,
        blockDuration || ttl,
      )) as number[];
      const isBlocked = blockMs > 0;
      if (this.degraded) this.logger.log('compteurs de nouveau partagés (Redis disponible)');
      this.degraded = false;
      return {
        totalHits: hits,
        timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
        isBlocked,
        timeToBlockExpire: isBlocked ? Math.max(1, Math.ceil(blockMs / 1000)) : 0,
      };
    } catch (err) {
      if (!this.degraded)
        this.logger.warn(`compteurs indisponibles (${(err as Error).message}) : limites comptées par processus`);
      this.degraded = true;
      return this.incrementLocally(base, ttl, limit, blockDuration || ttl);
    }
  }

  /** The same window and block as the Lua script, in this process's memory. */
  private incrementLocally(key: string, ttl: number, limit: number, blockDuration: number) {
    const now = Date.now();
    if (this.local.size > LOCAL_COUNTERS_SWEEP_AT) {
      for (const [k, c] of this.local) if (c.resetAt <= now && c.blockedUntil <= now) this.local.delete(k);
    }
    let counter = this.local.get(key);
    if (!counter) this.local.set(key, (counter = { hits: 0, resetAt: now + ttl, blockedUntil: 0 }));
    if (counter.resetAt <= now) {
      counter.hits = 0;
      counter.resetAt = now + ttl;
    }
    counter.hits++;
    if (counter.blockedUntil <= now && counter.hits > limit) counter.blockedUntil = now + blockDuration;
    const isBlocked = counter.blockedUntil > now;
    return {
      totalHits: counter.hits,
      timeToExpire: Math.max(0, Math.ceil((counter.resetAt - now) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.max(1, Math.ceil((counter.blockedUntil - now) / 1000)) : 0,
    };
  }
}
