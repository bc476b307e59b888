import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sendMessage, submitFinal } from './conversations';
import { ActionKeys } from './idempotency';

const ID = '0123456789abcdef01234567';
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const error = (status: number, code: string) => json(status, { statusCode: status, code, message: 'refus' });

/** What the fake server answers, one after the other, and the requests it saw. */
const server = vi.hoisted(() => ({
  answers: [] as (() => Response)[],
  seen: [] as { method: string; path: string; key: string | null; authorization: string | null }[],
}));

// The page's client, on an absolute base URL (the tests have no page origin), over authed-fetch
// with a signed-in session, on a fake network.
vi.mock('./client', async () => {
  const { createApiClient } = await import('@prompt-challenge/api-client');
  const { authedFetch } = await import('./authed-fetch');
  const { SessionStore } = await import('./session');
  const session = new SessionStore();
  const jwt = `h.${btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }))}.s`;
  session.signIn({ id: 'u1', prenom: 'Inès', nom: 'Martin', email: 'ines@ecole.example', role: 'student' } as never, {
    accessToken: `${jwt}1`,
    refreshToken: 'r1',
  });
  const network = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/auth/refresh') return json(200, { accessToken: `${jwt}2`, refreshToken: 'r2' });
    server.seen.push({
      method: req.method,
      path,
      key: req.headers.get('Idempotency-Key'),
      authorization: req.headers.get('Authorization'),
    });
    const next = server.answers.shift();
    if (!next) throw new Error('pas de réponse prévue');
    return next();
  };
  return {
    session,
    api: createApiClient({
      baseUrl: 'http://app.test',
      fetch: authedFetch(session, { baseUrl: 'http://app.test', baseFetch: network, locks: null }),
    }),
  };
});

const sent = { messageId: 'm'.repeat(24), jobId: `reply-${'m'.repeat(24)}`, status: 'queued' };
const networkDown = () => {
  throw new TypeError('Failed to fetch');
};

describe('Idempotency-Key of sends and final versions', () => {
  beforeEach(() => {
    server.answers = [];
    server.seen = [];
  });

  it('a send retried after a network failure carries the same key; the next send a new one', async () => {
    server.answers.push(
      networkDown,
      () => json(202, sent),
      () => json(202, sent),
    );
    await expect(sendMessage(ID, 'Bonjour')).resolves.toEqual(sent);
    expect(server.seen).toHaveLength(2);
    const [first, retry] = server.seen;
    expect(first.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(retry.key).toBe(first.key);
    expect(first.path).toBe(`/api/v1/conversations/${ID}/messages`);

    await sendMessage(ID, 'Bonjour');
    expect(server.seen[2].key).not.toBe(first.key);
  });

  it('409 IDEMPOTENCY_IN_PROGRESS and 503 are tried again with the same key', async () => {
    server.answers.push(
      () => error(409, 'IDEMPOTENCY_IN_PROGRESS'),
      () => error(503, 'QUEUE_UNAVAILABLE'),
      () => json(202, sent),
    );
    await expect(sendMessage(ID, 'Bonjour')).resolves.toEqual(sent);
    expect(server.seen).toHaveLength(3);
    expect(new Set(server.seen.map((s) => s.key)).size).toBe(1);
  });

  it('a refusal is not tried again (409 REPLY_PENDING, 422 IDEMPOTENCY_KEY_REUSED)', async () => {
    server.answers.push(() => error(409, 'REPLY_PENDING'));
    await expect(sendMessage(ID, 'Bonjour')).rejects.toMatchObject({ status: 409, code: 'REPLY_PENDING' });
    server.answers.push(() => error(422, 'IDEMPOTENCY_KEY_REUSED'));
    await expect(sendMessage(ID, 'Bonjour')).rejects.toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(server.seen).toHaveLength(2);
  });

  it('the retry after a refreshed access token carries the same key', async () => {
    server.answers.push(
      () => error(401, 'TOKEN_EXPIRED'),
      () => json(200, { conversation: { id: ID } }),
    );
    const body = { promptFinal: 'Mon prompt', messageId: 'a'.repeat(24) };
    await expect(submitFinal(ID, body)).resolves.toEqual({ conversation: { id: ID } });
    expect(server.seen).toHaveLength(2);
    expect(server.seen.map((s) => s.method)).toEqual(['PUT', 'PUT']);
    expect(server.seen[1].authorization).not.toBe(server.seen[0].authorization);
    expect(server.seen[1].key).toBe(server.seen[0].key);
    expect(server.seen[0].key).toBeTruthy();
  });

  it('after the tries run out, the same action clicked again (same text) sends the same key', async () => {
    const keys = new ActionKeys();
    server.answers.push(networkDown, networkDown, networkDown);
    await expect(sendMessage(ID, 'Bonjour', keys.keyFor('Bonjour'))).rejects.toMatchObject({ code: 'NETWORK' });
    server.answers.push(() => json(202, sent));
    await expect(sendMessage(ID, 'Bonjour', keys.keyFor('Bonjour'))).resolves.toEqual(sent);
    keys.succeeded();
    expect(server.seen).toHaveLength(4);
    expect(new Set(server.seen.map((s) => s.key)).size).toBe(1);

    // Once it succeeded, the same text again is a new prompt; another text too.
    const again = keys.keyFor('Bonjour');
    expect(again).not.toBe(server.seen[0].key);
    expect(keys.keyFor('Autre chose')).not.toBe(again);
  });
});
