import type { Clock } from '../clock';
import type { IdempotencyKeyRepository, StoredIdempotencyKey } from './idempotency-key.repository';
import { fingerprintOf } from './idempotency.interceptor';
import { IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_TTL_MS, IdempotencyKeys } from './idempotency-keys';

const scope = { userId: '0123456789abcdef01234567', route: 'conversations.sendMessage', key: 'k' };

/** A clock that moves 100 ms each time it is read, so the waits end without waiting long. */
function movingClock(start = Date.parse('2026-12-07T10:00:00Z')): Clock {
  let t = start;
  return { now: () => new Date((t += 100)) };
}

/** The repository as a list of rows: `reads` scripts what `find` answers, one read after the other. */
function fakeRepository(reads: (StoredIdempotencyKey | null)[], claims: boolean[]) {
  const calls = { claims: 0, removed: [] as string[] };
  const repo = {
    claim: async () => {
      calls.claims++;
      return claims.shift() ? `claim-${calls.claims}` : null;
    },
    find: async () => (reads.length > 1 ? reads.shift()! : (reads[0] ?? null)),
    remove: async (id: string) => {
      calls.removed.push(id);
    },
  };
  return { repo: repo as unknown as IdempotencyKeyRepository, calls };
}

const row = (over: Partial<StoredIdempotencyKey>): StoredIdempotencyKey => ({
  id: 'row-1',
  fingerprint: 'f',
  state: 'running',
  status: null,
  body: null,
  createdAt: new Date(Date.parse('2026-12-07T10:00:00Z')),
  expiresAt: new Date(Date.parse('2026-12-07T10:00:00Z') + IDEMPOTENCY_TTL_MS),
  ...over,
});

describe('IdempotencyKeys.start', () => {
  it('claims a free key', async () => {
    const { repo } = fakeRepository([], [true]);
    expect(await new IdempotencyKeys(repo, movingClock()).start(scope, 'f')).toEqual({
      kind: 'claimed',
      claimId: 'claim-1',
    });
  });

  it('replays a recorded answer of the same request, refuses another request', async () => {
    const done = row({ state: 'done', status: 202, body: '{"a":1}' });
    const { repo } = fakeRepository([done], [false]);
    expect(await new IdempotencyKeys(repo, movingClock()).start(scope, 'f')).toEqual({
      kind: 'replay',
      status: 202,
      body: '{"a":1}',
    });
    const other = fakeRepository([done], [false]);
    expect(await new IdempotencyKeys(other.repo, movingClock()).start(scope, 'g')).toEqual({ kind: 'reused' });
  });

  it('waits while the first request runs; its answer is replayed', async () => {
    const { repo } = fakeRepository([row({}), row({}), row({ state: 'done', status: 202, body: '{}' })], [false]);
    expect((await new IdempotencyKeys(repo, movingClock()).start(scope, 'f')).kind).toBe('replay');
  });

  it('claims the key once the first request failed and dropped it', async () => {
    const { repo, calls } = fakeRepository([row({}), null], [false, true]);
    expect(await new IdempotencyKeys(repo, movingClock()).start(scope, 'f')).toEqual({
      kind: 'claimed',
      claimId: 'claim-2',
    });
    expect(calls.removed).toEqual([]);
  });

  it('answers in-progress when the first request is still running after the wait', async () => {
    const { repo } = fakeRepository([row({})], [false]);
    expect(await new IdempotencyKeys(repo, movingClock()).start(scope, 'f')).toEqual({ kind: 'in-progress' });
  });

  it('takes over a claim older than the lease, and an expired answer, removing them by their id', async () => {
    const start = Date.parse('2026-12-07T10:00:00Z');
    const abandoned = row({ id: 'dead', createdAt: new Date(start - IDEMPOTENCY_LEASE_MS - 1) });
    const a = fakeRepository([abandoned], [false, true]);
    expect((await new IdempotencyKeys(a.repo, movingClock(start)).start(scope, 'f')).kind).toBe('claimed');
    expect(a.calls.removed).toEqual(['dead']);

    const expired = row({ id: 'old', state: 'done', status: 202, body: '{}', expiresAt: new Date(start) });
    const e = fakeRepository([expired], [false, true]);
    expect((await new IdempotencyKeys(e.repo, movingClock(start)).start(scope, 'f')).kind).toBe('claimed');
    expect(e.calls.removed).toEqual(['old']);
  });
});

describe('fingerprintOf', () => {
  it('ignores the order of JSON keys, not their values, the path or the method', () => {
    const base = fingerprintOf({ method: 'PUT', params: { id: 'a' }, body: { promptFinal: 'p', messageId: 'm' } });
    expect(fingerprintOf({ method: 'PUT', params: { id: 'a' }, body: { messageId: 'm', promptFinal: 'p' } })).toBe(
      base,
    );
    expect(fingerprintOf({ method: 'PUT', params: { id: 'a' }, body: { messageId: 'm', promptFinal: 'q' } })).not.toBe(
      base,
    );
    expect(fingerprintOf({ method: 'PUT', params: { id: 'b' }, body: { promptFinal: 'p', messageId: 'm' } })).not.toBe(
      base,
    );
    expect(fingerprintOf({ method: 'POST', params: { id: 'a' }, body: { promptFinal: 'p', messageId: 'm' } })).not.toBe(
      base,
    );
  });
});
