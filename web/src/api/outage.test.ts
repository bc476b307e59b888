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
const limited = (retryAfter: string | null = '12') =>
  new Response(
    JSON.stringify({ statusCode: 429, code: 'RATE_LIMITED', message: 'Trop de requêtes, réessayez plus tard' }),
    {
      status: 429,
      headers: { 'Content-Type': 'application/json', ...(retryAfter === null ? {} : { 'Retry-After': retryAfter }) },
    },
  );
/** A quota answer as the API sends it (docs/api.md 1.1): no Retry-After, waiting does not help. */
const quota = (code: 'QUOTA_PROMPTS_EXCEEDED' | 'QUOTA_TOKENS_EXCEEDED', retryAfter: string | null = null) =>
  new Response(JSON.stringify({ statusCode: 429, code, message: 'Quota atteint', details: { used: 10, limit: 10 } }), {
    status: 429,
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

describe('a request aborted while it waits', () => {
  it('rejects at once with the abort, sends nothing more, and leaves no wait on the board', async () => {
    const board = new OutageBoard();
    let sent = 0;
    let slept!: () => void;
    const asleep = new Promise<void>((r) => (slept = r));
    const fetch = outageRetryingFetch(
      async () => {
        sent++;
        return unavailable();
      },
      // The wait never ends by itself: only the abort can end it.
      { board, sleep: () => (slept(), new Promise<void>(() => undefined)) },
    );
    const controller = new AbortController();
    const answer = fetch('http://app.test/api/v1/conversations/c1', { signal: controller.signal });
    await asleep;
    expect(board.current()).toEqual(expect.objectContaining({ attempt: 1, what: 'lecture' }));
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(board.current()).toBeNull();
    expect(sent).toBe(1);
  });

  it('already aborted when its first answer comes: no wait at all', async () => {
    const board = new OutageBoard();
    const shown: (OutageWait | null)[] = [];
    board.subscribe((w) => shown.push(w));
    const controller = new AbortController();
    const fetch = outageRetryingFetch(
      async () => {
        controller.abort();
        return unavailable();
      },
      { board, sleep: () => new Promise<void>(() => undefined) },
    );
    await expect(fetch('http://app.test/api/v1/me', { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(shown).toEqual([]);
  });
});

describe('429 RATE_LIMITED with Retry-After: waited out like an outage', () => {
  it('a read waits Retry-After, says « trop de demandes » on the board, and gets its answer', async () => {
    const r = rig([() => limited('12'), () => limited('3'), () => ok({ id: 'x' })]);
    const res = await r.fetch('http://app.test/api/v1/conversations/x');
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual({ id: 'x' });
    expect(r.seen.map((s) => s.method)).toEqual(['GET', 'GET', 'GET']);
    expect(r.waits).toEqual([12_000, 3000]);
    expect(r.shown.map((w) => w && { attempt: w.attempt, what: w.what, cause: w.cause })).toEqual([
      { attempt: 1, what: 'lecture', cause: 'trop-de-demandes' },
      { attempt: 2, what: 'lecture', cause: 'trop-de-demandes' },
      null,
    ]);
    expect(r.board.current()).toBeNull();
  });

  it('a 503 then a 429 RATE_LIMITED: each try says its own cause', async () => {
    const r = rig([() => unavailable(), () => limited('2'), () => ok()]);
    expect((await r.fetch('http://app.test/a')).status).toBe(200);
    expect(r.shown.map((w) => w?.cause ?? null)).toEqual(['indisponible', 'trop-de-demandes', null]);
  });

  it('is bounded the same way: three new tries, each wait at most OUTAGE_MAX_WAIT_MS; then the page says when to try again', async () => {
    const r = rig([() => limited('60'), () => limited('45'), () => limited('40'), () => limited('37')]);
    const res = await r.fetch('http://app.test/api/v1/hackathons/h/quota/me');
    expect(res.status).toBe(429);
    expect(r.seen).toHaveLength(4);
    expect(r.waits).toEqual([OUTAGE_MAX_WAIT_MS, OUTAGE_MAX_WAIT_MS, OUTAGE_MAX_WAIT_MS]);
    expect(r.board.current()).toBeNull();
    const error = await call(Promise.resolve({ error: await res.json(), response: res })).catch((e: ApiError) => e);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterMs: 37_000 });
    expect(messageFor(error as ApiError)).toBe('Beaucoup de demandes en peu de temps : réessayez dans 37 secondes.');
  });

  it('a keyed prompt goes again with the same key and body; a write without key is never sent again', async () => {
    const r = rig([() => limited('1'), () => ok({ messageId: 'm' }), () => limited('1')]);
    const sent = await r.fetch('http://app.test/api/v1/conversations/x/messages', {
      method: 'POST',
      body: '{"content":"Bonjour"}',
      headers: { 'Idempotency-Key': 'cle-2', 'Content-Type': 'application/json' },
    });
    expect(sent.status).toBe(200);
    expect(r.shown[0]).toMatchObject({ what: 'envoi', cause: 'trop-de-demandes' });
    const stop = await r.fetch('http://app.test/api/v1/conversations/x/stop', { method: 'POST', body: '{}' });
    expect(stop.status).toBe(429);
    expect(r.seen.map((s) => s.key)).toEqual(['cle-2', 'cle-2', null]);
  });

  it('a quota 429 is never sent again, with or without Retry-After, read or keyed send', async () => {
    const r = rig([
      () => quota('QUOTA_PROMPTS_EXCEEDED'),
      () => quota('QUOTA_TOKENS_EXCEEDED'),
      () => quota('QUOTA_TOKENS_EXCEEDED', '5'),
      () => limited(null),
      () => new Response('trop', { status: 429, headers: { 'Retry-After': '5' } }),
    ]);
    const send = () =>
      r.fetch('http://app.test/api/v1/conversations/x/messages', {
        method: 'POST',
        body: '{"content":"Bonjour"}',
        headers: { 'Idempotency-Key': 'cle-3', 'Content-Type': 'application/json' },
      });
    const first = await send();
    expect(first.status).toBe(429);
    // The page still reads the quota answer it was given, untouched.
    await expect(first.json()).resolves.toMatchObject({ code: 'QUOTA_PROMPTS_EXCEEDED' });
    expect((await send()).status).toBe(429);
    expect((await r.fetch('http://app.test/api/v1/hackathons/h/quota/me')).status).toBe(429);
    // RATE_LIMITED without Retry-After, or a 429 that is not the API's JSON: not waited either.
    expect((await r.fetch('http://app.test/b')).status).toBe(429);
    expect((await r.fetch('http://app.test/c')).status).toBe(429);
    expect(r.seen).toHaveLength(5);
    expect(r.waits).toEqual([]);
    expect(r.shown).toEqual([]);
  });

  it('a quota 429 keeps its own message; RATE_LIMITED without Retry-After keeps the general one', () => {
    expect(messageFor(new ApiError(429, 'QUOTA_PROMPTS_EXCEEDED', 'Quota'))).toMatch(
      /^Vous avez utilisé tous vos prompts/,
    );
    expect(messageFor(new ApiError(429, 'RATE_LIMITED', 'Trop'))).toBe(
      'Trop de tentatives : réessayez dans quelques minutes.',
    );
    expect(messageFor(new ApiError(429, 'RATE_LIMITED', 'Trop', undefined, 1000))).toBe(
      'Beaucoup de demandes en peu de temps : réessayez dans une seconde.',
    );
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
