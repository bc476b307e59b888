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
});
