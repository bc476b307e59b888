import { RedisThrottlerStorage } from './redis-throttler.storage';
import type { RedisService } from './redis.service';

/** A RedisService whose Redis is away: every command rejects as ioredis does when disconnected. */
const redisAway = {
  key: (...parts: (string | number)[]) => ['test', ...parts].join(':'),
  client: { eval: () => Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")) },
} as unknown as RedisService;

describe('RedisThrottlerStorage while Redis is away', () => {
  it('counts in the process: the same limit, then blocked with a wait', async () => {
    const storage = new RedisThrottlerStorage(redisAway);
    const hits = [];
    for (let i = 0; i < 6; i++) hits.push(await storage.increment('ip|email', 60_000, 5, 0, 'login'));
    expect(hits.slice(0, 5).map((h) => h.isBlocked)).toEqual([false, false, false, false, false]);
    expect(hits.map((h) => h.totalHits)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(hits[5].isBlocked).toBe(true);
    expect(hits[5].timeToBlockExpire).toBeGreaterThanOrEqual(1);
  });

  it('keeps keys and throttlers apart', async () => {
    const storage = new RedisThrottlerStorage(redisAway);
    for (let i = 0; i < 6; i++) await storage.increment('one', 60_000, 5, 0, 'login');
    expect((await storage.increment('two', 60_000, 5, 0, 'login')).isBlocked).toBe(false);
    expect((await storage.increment('one', 60_000, 5, 0, 'default')).isBlocked).toBe(false);
  });
});
