import { Types } from 'mongoose';
import { RedisService } from '../libs/redis';
import { QuotaGate } from '../src/conversation/quota/quota-gate';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Invariant 1 at the gate itself, against real Redis and the real engine: concurrent
 * reservations never pass the limits, each settlement or release counts once, and usage is
 * rebuilt from the MongoDB ledger when Redis loses its keys.
 */
describe('quota gate (invariant 1)', () => {
  let t: TestApp;
  let gate: QuotaGate;
  const id = () => new Types.ObjectId().toHexString();
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e) => e.code as string,
    );

  beforeAll(async () => {
    t = await startTestApp();
    gate = t.app.get(QuotaGate);
  });
  afterAll(() => t?.close());

  const ledgerSum = async (hackathonId: string, studentId: string) => {
    const rows = await t.connection
      .collection('usage_ledger')
      .find({ hackathonId: new Types.ObjectId(hackathonId), studentId: new Types.ObjectId(studentId) })
      .toArray();
    return {
      prompts: rows.reduce((s, r) => s + r.prompts, 0),
      tokens: rows.reduce((s, r) => s + r.tokens, 0),
      rows: rows.length,
    };
  };

  it('lets exactly 5 of 50 concurrent reservations through a 5-prompt quota', async () => {
    const [h, s] = [id(), id()];
    const results = await Promise.all(
      Array.from({ length: 50 }, () => outcome(gate.reserve(h, s, id(), 10, { prompts: 5, tokens: 100000 }))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    expect(results.filter((r) => r === 'QUOTA_PROMPTS_EXCEEDED')).toHaveLength(45);
    expect(await gate.usage(h, s)).toEqual({ prompts: 5, tokens: 50 });
    expect(await ledgerSum(h, s)).toEqual({ prompts: 5, tokens: 50, rows: 5 });
  });

  it('never reserves past the token quota nor the user’s own tokensAuthorized', async () => {
    const [h, s] = [id(), id()];
    const results = await Promise.all(
      Array.from({ length: 40 }, () => outcome(gate.reserve(h, s, id(), 300, { prompts: 1000, tokens: 2000 }))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(6);
    expect(results.filter((r) => r === 'QUOTA_TOKENS_EXCEEDED')).toHaveLength(34);

    const [h2, s2] = [id(), id()];
    const capped = await Promise.all(
      Array.from({ length: 20 }, () =>
        outcome(gate.reserve(h2, s2, id(), 100, { prompts: 1000, tokens: 100000, userTokens: 450 })),
      ),
    );
    expect(capped.filter((r) => r === 'ok')).toHaveLength(4);
  });

  it('settles and releases exactly once, however often they are called', async () => {
    const [h, s] = [id(), id()];
    const a = await gate.reserve(h, s, id(), 500, { prompts: 10, tokens: 10000 });
    const b = await gate.reserve(h, s, id(), 500, { prompts: 10, tokens: 10000 });
    await Promise.all(Array.from({ length: 10 }, () => gate.settle(a, 120)));
    await Promise.all(Array.from({ length: 10 }, () => gate.release(b)));
    // Settling a released reservation (a late retry) changes nothing.
    await gate.settle(b, 400);
    expect(await gate.usage(h, s)).toEqual({ prompts: 1, tokens: 120 });
    expect(await ledgerSum(h, s)).toEqual({ prompts: 1, tokens: 120, rows: 4 });
  });

  it('treats a reservation id seen before as the same reservation (a retried send)', async () => {
    const [h, s, r] = [id(), id(), id()];
    await Promise.all(Array.from({ length: 5 }, () => gate.reserve(h, s, r, 50, { prompts: 10, tokens: 10000 })));
    expect(await gate.usage(h, s)).toEqual({ prompts: 1, tokens: 50 });
  });

  it('rebuilds usage from the MongoDB ledger when Redis lost its keys, and keeps enforcing the quota', async () => {
    const [h, s] = [id(), id()];
    for (let i = 0; i < 3; i++) {
      const r = await gate.reserve(h, s, id(), 100, { prompts: 4, tokens: 10000 });
      await gate.settle(r, 40);
    }
    const redis = t.app.get(RedisService);
    await redis.client.del(redis.key('quota', h, s));
    expect(await gate.usage(h, s)).toEqual({ prompts: 3, tokens: 120 });
    await redis.client.del(redis.key('quota', h, s));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => outcome(gate.reserve(h, s, id(), 10, { prompts: 4, tokens: 10000 }))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
  });

  /** What Redis loses when it restarts empty: every key of this app (never the shared server's others). */
  async function loseRedis() {
    const redis = t.app.get(RedisService);
    const keys = await redis.client.keys(`${redis.key('quota')}*`);
    if (keys.length) await redis.client.del(...keys);
  }

  it('after Redis lost every quota key, answers in flight settle at their real usage (ledger = counters = used)', async () => {
    const [h, s] = [id(), id()];
    const limits = { prompts: 10, tokens: 100000, userTokens: 100000 };
    const [done, flying1, flying2, failing] = await Promise.all(
      Array.from({ length: 4 }, () => gate.reserve(h, s, id(), 500, limits)),
    );
    await gate.settle(done, 120);
    await loseRedis();
    await Promise.all([gate.settle(flying1, 200), gate.settle(flying2, 90), gate.release(failing)]);
    // A late retry of either changes nothing.
    await Promise.all([gate.settle(flying1, 450), gate.release(flying2)]);
    expect(await gate.usage(h, s)).toEqual({ prompts: 3, tokens: 410 });
    expect(await ledgerSum(h, s)).toEqual({ prompts: 3, tokens: 410, rows: 8 });
    expect(await gate.usedTokensOf(s)).toBe(410);
    // The user's own counter too: 410 held against tokensAuthorized, so 99 590 still fit.
    await expect(gate.reserve(h, s, id(), 99_590, limits)).resolves.toEqual(
      expect.objectContaining({ tokens: 99_590 }),
    );
    await expect(outcome(gate.reserve(h, s, id(), 1, limits))).resolves.toBe('QUOTA_TOKENS_EXCEEDED');
  });

  it('a release whose reserve never reached the ledger writes both rows (the ledger nets to zero)', async () => {
    const [h, s] = [id(), id()];
    const r = await gate.reserve(h, s, id(), 300, { prompts: 10, tokens: 10000 });
    await t.connection.collection('usage_ledger').deleteOne({ reservationId: r.reservationId, kind: 'reserve' });
    // The sweeper's way to it: Redis holds it open, the ledger has no row.
    const open = await gate.openInRedisBefore(new Date(Date.now() + 60_000), 1000);
    expect(open.map((o) => o.reservationId)).toContain(r.reservationId);
    await gate.release(r);
    expect(await gate.usage(h, s)).toEqual({ prompts: 0, tokens: 0 });
    expect(await ledgerSum(h, s)).toEqual({ prompts: 0, tokens: 0, rows: 2 });
    const after = await gate.openInRedisBefore(new Date(Date.now() + 60_000), 1000);
    expect(after.map((o) => o.reservationId)).not.toContain(r.reservationId);
  });

  it('a settlement whose ledger row was lost (crash between Redis and MongoDB) is written by the next call', async () => {
    const [h, s] = [id(), id()];
    const r = await gate.reserve(h, s, id(), 300, { prompts: 10, tokens: 10000 });
    await gate.settle(r, 75);
    await t.connection.collection('usage_ledger').deleteOne({ reservationId: r.reservationId, kind: 'settle' });
    expect(await ledgerSum(h, s)).toEqual({ prompts: 1, tokens: 300, rows: 1 });
    await gate.settle(r, 75);
    expect(await ledgerSum(h, s)).toEqual({ prompts: 1, tokens: 75, rows: 2 });
    expect(await gate.usage(h, s)).toEqual({ prompts: 1, tokens: 75 });
  });

  it('repairs Redis counters from the ledger: dry run reports only, a young reservation makes it wait', async () => {
    const [h, s] = [id(), id()];
    const redis = t.app.get(RedisService);
    const r = await gate.reserve(h, s, id(), 300, { prompts: 10, tokens: 10000, userTokens: 5000 });
    await gate.settle(r, 100);
    // A charge Redis took with no ledger row behind it (the 650 ms kill of issue 20).
    await redis.client.hincrby(redis.key('quota', h, s), 'prompts', 1);
    await redis.client.hincrby(redis.key('quota', h, s), 'tokens', 130);
    await redis.client.hincrby(redis.key('quota-user', s), 'tokens', 130);
    const past = new Date(Date.now() - 60_000);
    await expect(gate.repairCounters(h, s, past, true)).resolves.toEqual({ pair: 'differs', user: 'differs' });
    expect(await gate.usage(h, s)).toEqual({ prompts: 2, tokens: 230 });

    const young = await gate.reserve(h, s, id(), 50, { prompts: 10, tokens: 10000, userTokens: 5000 });
    await expect(gate.repairCounters(h, s, past, false)).resolves.toEqual({ pair: 'busy', user: 'busy' });
    await gate.release(young);
    await expect(gate.repairCounters(h, s, new Date(Date.now() + 60_000), false)).resolves.toEqual({
      pair: 'repaired',
      user: 'repaired',
    });
    expect(await gate.usage(h, s)).toEqual({ prompts: 1, tokens: 100 });
    expect(await redis.client.hget(redis.key('quota-user', s), 'tokens')).toBe('100');
    await expect(gate.repairCounters(h, s, past, false)).resolves.toEqual({ pair: 'ok', user: 'ok' });
  });

  it('a finished record expires from Redis; a retry after that charges nothing twice (the ledger has it finished)', async () => {
    const [h, s] = [id(), id()];
    const redis = t.app.get(RedisService);
    const r = await gate.reserve(h, s, id(), 400, { prompts: 10, tokens: 10000 });
    await gate.settle(r, 60);
    const record = redis.key('quota-res', r.reservationId);
    expect(await redis.client.ttl(record)).toBeGreaterThan(6 * 24 * 3600);
    await redis.client.del(record);
    await Promise.all([gate.settle(r, 300), gate.release(r)]);
    expect(await gate.usage(h, s)).toEqual({ prompts: 1, tokens: 60 });
    expect(await ledgerSum(h, s)).toEqual({ prompts: 1, tokens: 60, rows: 2 });
  });
});
