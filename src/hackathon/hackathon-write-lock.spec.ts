import { DocumentLock, RedisService } from '../../libs/redis';
import { HackathonWriteLock } from './hackathon-write-lock';

/** SET NX PX and the compare-and-delete release, in memory; `down` makes every command fail. */
class FakeRedis {
  store = new Map<string, string>();
  down = false;
  async set(key: string, value: string, _px: 'PX', _ms: number, _nx: 'NX') {
    if (this.down) throw new Error('Connection is closed.');
    if (this.store.has(key)) return null;
    this.store.set(key, value);
    return 'OK';
  }
  async eval(_script: string, _n: number, key: string, token: string) {
    if (this.down) throw new Error('Connection is closed.');
    if (this.store.get(key) !== token) return 0;
    this.store.delete(key);
    return 1;
  }
}

function setup() {
  const client = new FakeRedis();
  const redis = {
    client,
    key: (...parts: (string | number)[]) => ['pc', ...parts].join(':'),
  } as unknown as RedisService;
  return { client, lock: new HackathonWriteLock(new DocumentLock(redis)) };
}

describe('HackathonWriteLock', () => {
  it('runs writers of one hackathon one after the other, never together', async () => {
    const { lock, client } = setup();
    let inside = 0;
    let maxInside = 0;
    const order: number[] = [];
    const writer = (n: number) =>
      lock.run('h1', async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        await new Promise((r) => setImmediate(r));
        order.push(n);
        inside--;
        return n;
      });
    await expect(Promise.all([writer(1), writer(2), writer(3)])).resolves.toEqual([1, 2, 3]);
    expect(maxInside).toBe(1);
    expect(order.sort()).toEqual([1, 2, 3]);
    expect(client.store.size).toBe(0);
  });

  it('does not hold writers of different hackathons back', async () => {
    const { lock } = setup();
    let release!: () => void;
    const slow = lock.run('h1', () => new Promise<string>((r) => (release = () => r('h1'))));
    await expect(lock.run('h2', async () => 'h2')).resolves.toBe('h2');
    release();
    await expect(slow).resolves.toBe('h1');
  });

  it('releases the lock when the work throws, and lets the error through', async () => {
    const { lock, client } = setup();
    await expect(lock.run('h1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(client.store.size).toBe(0);
    await expect(lock.run('h1', async () => 'again')).resolves.toBe('again');
  });

  it('never deletes a lock that is no longer its own', async () => {
    const { lock, client } = setup();
    await lock.run('h1', async () => {
      // Our lock expired and another writer took it meanwhile.
      client.store.set('pc:lock:hackathon:h1', 'someone-else');
    });
    expect(client.store.get('pc:lock:hackathon:h1')).toBe('someone-else');
  });

  it('with Redis down: 503 SERVICE_UNAVAILABLE, and the work is not run', async () => {
    const { lock, client } = setup();
    client.down = true;
    const work = jest.fn(async () => 'x');
    await expect(lock.run('h1', work)).rejects.toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(work).not.toHaveBeenCalled();
  });
});
