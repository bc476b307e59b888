import { AppConfig } from '../../config/env.schema';
import { aHackathon } from '../../test/support/builders/hackathon.builder';
import { RedisService } from '../../libs/redis';
import { ActiveHackathonsCache } from './active-hackathons.cache';
import { HackathonView } from './hackathon.repository';

/** Just enough of a Redis for the cache: GET, SET ... EX, INCR; `down` makes every command fail. */
class FakeRedis {
  store = new Map<string, string>();
  down = false;
  private check() {
    if (this.down) return Promise.reject(new Error('Connection is closed.'));
    return undefined;
  }
  gets: string[] = [];
  get(key: string) {
    this.gets.push(key);
    return this.check() ?? Promise.resolve(this.store.get(key) ?? null);
  }
  set(key: string, value: string) {
    return this.check() ?? Promise.resolve((this.store.set(key, value), 'OK'));
  }
  incr(key: string) {
    if (this.down) return Promise.reject(new Error('Connection is closed.'));
    const n = Number(this.store.get(key) ?? '0') + 1;
    this.store.set(key, String(n));
    return Promise.resolve(n);
  }
}

function setup(ttl = 30) {
  const client = new FakeRedis();
  const redis = {
    client,
    key: (...parts: (string | number)[]) => ['pc', ...parts].join(':'),
  } as unknown as RedisService;
  const cache = new ActiveHackathonsCache(redis, { ACTIVE_HACKATHONS_CACHE_TTL_S: ttl } as AppConfig);
  return { client, cache };
}

const items = [aHackathon().buildView({ statut: 'En cours' }) as HackathonView];

describe('ActiveHackathonsCache', () => {
  it('misses first, then hits what was written under the current generation', async () => {
    const { cache } = setup();
    const first = await cache.read();
    expect(first).toEqual({ generation: '0' });
    await cache.write(first.generation!, items);
    await expect(cache.read()).resolves.toEqual({ generation: '0', items });
  });

  it('while the generation holds, a hit reads only the generation (the parsed list is kept), and a write elsewhere ends it', async () => {
    const { cache, client } = setup();
    await cache.write('0', items);
    await cache.read();
    client.gets = [];
    await expect(cache.read()).resolves.toEqual({ generation: '0', items });
    expect(client.gets).toEqual(['pc:hackathons:active:generation']);
    await cache.invalidate(); // another process wrote a hackathon
    await expect(cache.read()).resolves.toEqual({ generation: '1' });
  });

  it('an invalidation makes the stored entry stale', async () => {
    const { cache } = setup();
    await cache.write('0', items);
    await cache.invalidate();
    await expect(cache.read()).resolves.toEqual({ generation: '1' });
  });

  it('a list computed before a write and stored after it is never served', async () => {
    const { cache } = setup();
    const seen = await cache.read(); // reader starts: generation 0
    await cache.invalidate(); // a writer commits and invalidates
    await cache.write(seen.generation!, items); // the reader stores its (stale) list late
    await expect(cache.read()).resolves.toEqual({ generation: '1' });
  });

  it('with Redis down: reads say "no cache", writes and invalidations do not throw', async () => {
    const { cache, client } = setup();
    client.down = true;
    await expect(cache.read()).resolves.toEqual({});
    await expect(cache.write('0', items)).resolves.toBeUndefined();
    await expect(cache.invalidate()).resolves.toBeUndefined();
  });

  it('a TTL of 0 turns the cache off', async () => {
    const { cache, client } = setup(0);
    expect(cache.enabled).toBe(false);
    await cache.write('0', items);
    expect(client.store.size).toBe(0);
    await expect(cache.read()).resolves.toEqual({});
  });
});
