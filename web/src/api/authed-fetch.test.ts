import { beforeEach, describe, expect, it } from 'vitest';
import { authedFetch } from './authed-fetch';
import { SessionStore } from './session';

const BASE = 'http://app.test';
const jwt = (exp: number) => `h.${btoa(JSON.stringify({ exp: Math.floor(exp / 1000) }))}.s`;
const user = { id: 'u1', prenom: 'Inès', nom: 'Martin', email: 'ines@ecole.example', role: 'student' } as never;
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A fake API: valid access tokens, refresh tokens that work once (rotation), as docs/api.md says. */
function fakeApi(now: () => number) {
  let n = 0;
  const valid = new Set<string>();
  const usable = new Set<string>(['r0']);
  const calls = { refresh: 0, reused: 0, requests: [] as string[] };
  const issue = () => {
    const access = `${jwt(now() + 900_000)}${++n}`;
    valid.add(access);
    const refresh = `r${n}`;
    usable.add(refresh);
    return { accessToken: access, refreshToken: refresh, expiresIn: 900 };
  };
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    calls.requests.push(`${req.method} ${new URL(req.url).pathname}`);
    if (req.url.endsWith('/auth/refresh')) {
      calls.refresh++;
      await new Promise((r) => setTimeout(r, 5));
      const { refreshToken } = (await req.json()) as { refreshToken: string };
      if (!usable.delete(refreshToken)) {
        calls.reused++;
        return json(401, { statusCode: 401, code: 'REFRESH_TOKEN_INVALID', message: 'Session révoquée' });
      }
      return json(200, issue());
    }
    const token = req.headers.get('Authorization')?.replace('Bearer ', '') ?? '';
    if (!valid.has(token)) return json(401, { statusCode: 401, code: 'TOKEN_INVALID', message: 'Jeton invalide' });
    return json(200, { ok: true });
  };
  return { fetchImpl, calls, valid };
}

describe('authedFetch', () => {
  let now = Date.now();
  beforeEach(() => {
    localStorage.clear();
    now = Date.now();
  });

  it('refreshes once for ten requests that meet a refused access token at the same time', async () => {
    const store = new SessionStore(localStorage);
    store.signIn(user, { accessToken: jwt(now + 900_000), refreshToken: 'r0' });
    const fake = fakeApi(() => now);
    const f = authedFetch(store, { baseUrl: BASE, baseFetch: fake.fetchImpl, locks: null, now: () => now });
    const answers = await Promise.all(Array.from({ length: 10 }, () => f(`${BASE}/api/v1/auth/me`)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(fake.calls.refresh).toBe(1);
    expect(fake.calls.reused).toBe(0);
    expect(store.get()?.refreshToken).toBe('r1');
  });

  it('refreshes before sending when the access token is about to expire', async () => {
    const store = new SessionStore(localStorage);
    store.signIn(user, { accessToken: jwt(now + 10_000), refreshToken: 'r0' });
    const fake = fakeApi(() => now);
    const f = authedFetch(store, { baseUrl: BASE, baseFetch: fake.fetchImpl, locks: null, now: () => now });
    expect((await f(`${BASE}/api/v1/auth/me`)).status).toBe(200);
    expect(fake.calls.requests).toEqual(['POST /api/v1/auth/refresh', 'GET /api/v1/auth/me']);
  });

  it('uses the token another tab already rotated instead of spending the used one', async () => {
    const store = new SessionStore(localStorage);
    store.signIn(user, { accessToken: jwt(now + 900_000), refreshToken: 'r0' });
    const fake = fakeApi(() => now);
    const stale = store.get()!.accessToken;
    // The other tab refreshed meanwhile: storage holds the new pair.
    const otherTab = new SessionStore(localStorage);
    const res = await fake.fetchImpl(`${BASE}/api/v1/auth/refresh`, {
      method: 'POST',
      body: JSON.stringify({ refreshToken: 'r0' }),
    });
    otherTab.rotate((await res.json()) as never);
    const f = authedFetch(store, { baseUrl: BASE, baseFetch: fake.fetchImpl, locks: null, now: () => now });
    // This tab still sends the stale one (in memory) and meets a 401…
    fake.valid.delete(stale);
    expect((await f(`${BASE}/api/v1/auth/me`)).status).toBe(200);
    // …and retries with the rotated token, without a second refresh.
    expect(fake.calls.refresh).toBe(1);
    expect(fake.calls.reused).toBe(0);
  });

  it('ends the session when the refresh token is refused, and says so', async () => {
    const store = new SessionStore(localStorage);
    store.signIn(user, { accessToken: 'not-a-jwt', refreshToken: 'revoked' });
    const fake = fakeApi(() => now);
    let ended = 0;
    const f = authedFetch(store, {
      baseUrl: BASE,
      baseFetch: fake.fetchImpl,
      locks: null,
      now: () => now,
      onSessionEnded: () => ended++,
    });
    expect((await f(`${BASE}/api/v1/auth/me`)).status).toBe(401);
    expect(store.get()).toBeNull();
    expect(ended).toBe(1);
  });

  it('does not refresh on a 401 that a new token would not cure (a wrong current password)', async () => {
    const store = new SessionStore(localStorage);
    store.signIn(user, { accessToken: jwt(now + 900_000), refreshToken: 'r0' });
    let refreshes = 0;
    const f = authedFetch(store, {
      baseUrl: BASE,
      locks: null,
      now: () => now,
      baseFetch: async (input, init) => {
        if (new Request(input, init).url.endsWith('/auth/refresh')) refreshes++;
        return json(401, { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Mot de passe incorrect' });
      },
    });
    expect((await f(`${BASE}/api/v1/users/me/password`, { method: 'PUT', body: '{}' })).status).toBe(401);
    expect(refreshes).toBe(0);
    expect(store.get()).not.toBeNull();
  });
});
