import { describe, expect, it } from 'vitest';
import { ApiError, call, messageFor } from './errors';
import { withKey } from './idempotency';
import {
  OUTAGE_MAX_WAIT_MS,
  OutageBoard,
  outageRetryingFetch,
  replayable,
  retryAfterMs,
  type OutageWait,
} from './outage';

const unavailable = (code = 'DATABASE_UNAVAILABLE', retryAfter: string | null = '5') =>
  new Response(JSON.stringify({ statusCode: 503, code, message: 'Service indisponible' }), {
    status: 503,
    headers: { 'Content-Type': 'application/json', ...(retryAfter === null ? {} : { 'Retry-After': retryAfter }) },
  });
const ok = (body: unknown = { ok: true }) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

/** A fake network answering `answers` in turn, the requests it saw, and a clock moved by the waits. */
function rig(answers: (() => Response)[]) {
  const seen: { method: string; key: string | null; body: string }[] = [];
  const waits: number[] = [];
  const shown: (OutageWait | null)[] = [];
  let clock = Date.parse('2026-12-07T21:40:00Z');
  const board = new OutageBoard();
  board.subscribe((w) => shown.push(w));
  const fetch = outageRetryingFetch(
    async (input, init) => {
      const req = new Request(input, init);
      seen.push({ method: req.method, key: req.headers.get('Idempotency-Key'), body: await req.text() });
      const next = answers.shift();
      if (!next) throw new Error('pas de réponse prévue');
      return next();
    },
    {
      board,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    },
  );
  return { fetch, seen, waits, shown, board };
}

describe('Retry-After', () => {
  it('reads seconds and HTTP dates; nothing else', () => {
    const now = Date.parse('2026-12-07T21:40:00Z');
    expect(retryAfterMs('5', now)).toBe(5000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Mon, 07 Dec 2026 21:40:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('Mon, 07 Dec 2026 21:39:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('-3', now)).toBeNull();
    expect(retryAfterMs('bientôt', now)).toBeNull();
  });

  it('a read, or a write with its Idempotency-Key, may be sent twice; nothing else', () => {
    expect(replayable(new Request('http://app.test/a'))).toBe(true);
    expect(replayable(new Request('http://app.test/a', { method: 'HEAD' }))).toBe(true);
    expect(replayable(new Request('http://app.test/a', { method: 'POST', body: '{}' }))).toBe(false);
    expect(replayable(new Request('http://app.test/a', { method: 'PATCH', body: '{}' }))).toBe(false);
    expect(
      replayable(new Request('http://app.test/a', { method: 'POST', body: '{}', headers: { 'Idempotency-Key': 'k' } })),
    ).toBe(true);
  });
});

describe('503 with Retry-After: the page’s fetch tries again', () => {
  it('a read waits Retry-After, says so on the board, and gets its answer; the board is cleared', async () => {
    const r = rig([() => unavailable(), () => unavailable('REDIS_UNAVAILABLE'), () => ok()]);
    const res = await r.fetch('http://app.test/api/v1/conversations/x');
    expect(res.status).toBe(200);
    expect(r.seen.map((s) => s.method)).toEqual(['GET', 'GET', 'GET']);
    expect(r.waits).toEqual([5000, 5000]);
    expect(r.shown.map((w) => w && { attempt: w.attempt, of: w.of, what: w.what })).toEqual([
      { attempt: 1, of: 3, what: 'lecture' },
      { attempt: 2, of: 3, what: 'lecture' },
      null,
    ]);
    expect(r.board.current()).toBeNull();
  });

  it('is bounded: after three new tries the 503 goes to the page, which says when to try again', async () => {
    const r = rig([() => unavailable(), () => unavailable(), () => unavailable(), () => unavailable()]);
    const res = await r.fetch('http://app.test/api/v1/hackathons/h/quota/me');
    expect(res.status).toBe(503);
    expect(r.seen).toHaveLength(4);
    expect(r.board.current()).toBeNull();
    const error = await call(Promise.resolve({ error: await res.json(), response: res })).catch((e: ApiError) => e);
    expect(error).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfterMs: 5000 });
    expect(messageFor(error as ApiError)).toBe(
      'Le service est momentanément indisponible (un incident passager de notre côté, pas de votre connexion). Réessayez dans 5 secondes.',
    );
  });

  it('never sends a write without Idempotency-Key again (a stop, a try, a setting): one request, the page says when', async () => {
    const r = rig([() => unavailable('REDIS_UNAVAILABLE'), () => ok()]);
    const res = await r.fetch('http://app.test/api/v1/conversations/x/essais', {
      method: 'POST',
      body: '{"prompt":"p"}',
    });
    expect(res.status).toBe(503);
    expect(r.seen).toHaveLength(1);
    expect(r.waits).toEqual([]);
    expect(r.shown).toEqual([]);
  });

  it('a prompt sent with its Idempotency-Key goes again with the same key and the same body, said as an « envoi »', async () => {
    const r = rig([() => unavailable('REDIS_UNAVAILABLE'), () => ok({ messageId: 'm' })]);
    const res = await r.fetch('http://app.test/api/v1/conversations/x/messages', {
      method: 'POST',
      body: JSON.stringify({ content: 'Bonjour' }),
      headers: { 'Idempotency-Key': 'cle-1', 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(r.seen).toEqual([
      { method: 'POST', key: 'cle-1', body: '{"content":"Bonjour"}' },
      { method: 'POST', key: 'cle-1', body: '{"content":"Bonjour"}' },
    ]);
    expect(r.shown[0]).toMatchObject({ what: 'envoi', attempt: 1 });
  });

  it('a 503 without Retry-After, or another status, is returned as it came', async () => {
    const r = rig([() => unavailable('HTTP_503', null), () => new Response('', { status: 500 })]);
    expect((await r.fetch('http://app.test/a')).status).toBe(503);
    expect((await r.fetch('http://app.test/b')).status).toBe(500);
    expect(r.seen).toHaveLength(2);
  });

  it('a far Retry-After is waited at most OUTAGE_MAX_WAIT_MS', async () => {
    const r = rig([() => unavailable('DATABASE_UNAVAILABLE', '3600'), () => ok()]);
    await r.fetch('http://app.test/a');
    expect(r.waits).toEqual([OUTAGE_MAX_WAIT_MS]);
  });

  it('requests waiting together: a prompt sent is shown before reads, then the next read to come; cleared once all are answered', async () => {
    const board = new OutageBoard();
    const a = board.set({ retryAt: 2000, attempt: 1, of: 3, what: 'lecture' });
    const b = board.set({ retryAt: 3000, attempt: 2, of: 3, what: 'envoi' });
    const c = board.set({ retryAt: 1000, attempt: 1, of: 3, what: 'lecture' });
    expect(board.current()).toMatchObject({ retryAt: 3000, what: 'envoi' });
    board.done(b);
    expect(board.current()).toMatchObject({ retryAt: 1000, what: 'lecture' });
    board.done(c);
    board.done(a);
    expect(board.current()).toBeNull();
  });
});

describe('withKey after the outage layer', () => {
  it('a 503 with Retry-After (its tries spent by outage.ts) is not tried once more; one without is', async () => {
    let tries = 0;
    const spent = new ApiError(503, 'REDIS_UNAVAILABLE', 'indisponible', undefined, 5000);
    await expect(
      withKey(
        'k',
        async () => {
          tries++;
          throw spent;
        },
        [0, 0],
      ),
    ).rejects.toBe(spent);
    expect(tries).toBe(1);

    tries = 0;
    await expect(
      withKey(
        'k',
        async () => {
          if (++tries < 3) throw new ApiError(503, 'HTTP_503', 'indisponible');
          return 'ok';
        },
        [0, 0],
      ),
    ).resolves.toBe('ok');
    expect(tries).toBe(3);
  });
});
