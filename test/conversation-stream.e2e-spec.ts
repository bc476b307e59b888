import http from 'node:http';
import { Clock } from '../libs/clock';
import { RedisService, streamIdAfter } from '../libs/redis';
import { createUser, TestUser } from './support/auth';
import { FakeClock } from './support/builders';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { fakeLlmEnv, openHackathonVia } from './support/full-stack';
import { openSse, SseEvent } from './support/sse';
import { startTestApp, TestApp } from './support/test-app';
import { until } from './support/wait';

/**
 * A conversation's answer streamed to a browser: EventSource sends no Authorization header,
 * so the stream is opened with a one-time ticket (docs/api.md 1.1), and every SSE client of a
 * process is served by one shared Redis reader, not one connection each.
 */
describe('conversation stream: tickets and the shared reader', () => {
  let llm: FakeLlm;
  let t: TestApp;
  let admin: TestUser;
  let student: TestUser;
  let other: TestUser;
  const clock = new FakeClock();

  const api = (method: 'get' | 'post', path: string, who: TestUser) =>
    (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);

  async function newConversation(who: TestUser, settings: Record<string, unknown> = {}) {
    const h = await openHackathonVia(api, admin);
    const res = await api('post', '/conversations', who)
      .send({ hackathonId: h.id, tacheId: h.tacheId, ...settings })
      .expect(201);
    return res.body.conversation.id as string;
  }

  const storedAnswer = async (id: string) => {
    const c = (await api('get', `/conversations/${id}`, student).expect(200)).body.conversation;
    return c.messages.find((m: { role: string }) => m.role === 'assistant').content as string;
  };
  const deltasOf = (events: SseEvent[]) => events.filter((e) => e.event === 'delta');
  const textOf = (events: SseEvent[]) =>
    deltasOf(events)
      .map((e) => e.data.text)
      .join('');
  /** Stream entry ids only ever grow: no entry twice, none out of order. */
  const expectIncreasingIds = (events: SseEvent[]) =>
    events.slice(1).forEach((e, i) => expect(streamIdAfter(e.id!, events[i].id!)).toBe(true));
  // An answer of ~600 tokens in pieces of 4 words (fake-llm.script.ts), a piece every 10 ms.
  const LONG = 'Raconte longuement [fake-llm:tokens=600]';

  /** GET without any header, as EventSource does; resolves with the status and the error body when refused. */
  const plainGet = (path: string) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      http
        .get(`${t.url}${path}`, { headers: { Accept: 'text/event-stream' } }, (res) => {
          if (res.statusCode === 200) {
            res.destroy();
            return resolve({ status: 200, body: null });
          }
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        })
        .on('error', reject);
    });

  beforeAll(async () => {
    llm = await startFakeLlm();
    t = await startTestApp({ ...fakeLlmEnv(llm), BCRYPT_ROUNDS: '4' }, (b) =>
      b.overrideProvider(Clock).useValue(clock),
    );
    admin = await createUser(t, 'admin');
    student = await createUser(t, 'student');
    other = await createUser(t, 'student');
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });
  afterEach(() => {
    clock.reset();
    llm.setLatency({ latencyMs: 0, chunkDelayMs: 0 });
  });

  it('opens the stream with a ticket and no header, and the answer streams in', async () => {
    const id = await newConversation(student);
    const res = await api('post', `/conversations/${id}/stream-ticket`, student).expect(201);
    expect(res.body).toEqual({ ticket: expect.any(String), expiresAt: expect.any(String) });
    const sse = openSse(`${t.url}/api/v1/conversations/${id}/stream?ticket=${encodeURIComponent(res.body.ticket)}`, {});
    await sse.ready;
    expect(sse.status()).toBe(200);
    await api('post', `/conversations/${id}/messages`, student).send({ content: 'Bonjour' }).expect(202);
    const message = await sse.waitFor((e) => e.event === 'message');
    expect(message.data.message.role).toBe('assistant');
    expect(sse.events.some((e) => e.event === 'delta')).toBe(true);
    sse.close();
  });

  it('refuses a ticket used twice, an expired one, one for another conversation, and a stranger’s ticket request', async () => {
    const id = await newConversation(student);
    const otherId = await newConversation(student);
    const stream = (cid: string, ticket: string) =>
      plainGet(`/api/v1/conversations/${cid}/stream?ticket=${encodeURIComponent(ticket)}`);

    const once = (await api('post', `/conversations/${id}/stream-ticket`, student).expect(201)).body.ticket;
    expect((await stream(id, once)).status).toBe(200);
    const again = await stream(id, once);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('STREAM_TICKET_INVALID');

    const expired = (await api('post', `/conversations/${id}/stream-ticket`, student).expect(201)).body.ticket;
    clock.advance(61_000);
    const late = await stream(id, expired);
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('STREAM_TICKET_INVALID');
    clock.reset();

    const forThis = (await api('post', `/conversations/${id}/stream-ticket`, student).expect(201)).body.ticket;
    const elsewhere = await stream(otherId, forThis);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.code).toBe('STREAM_TICKET_INVALID');

    const stranger = await api('post', `/conversations/${id}/stream-ticket`, other);
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('CONVERSATION_NOT_FOUND');

    const none = await plainGet(`/api/v1/conversations/${id}/stream`);
    expect(none.status).toBe(401);
  });

  it('serves 30 SSE clients on 30 conversations with one shared Redis reader, each getting its own answer', async () => {
    const redis = t.app.get(RedisService).client;
    // This app's connections only (they are named after its Redis prefix): other test runs share the Redis.
    const named = async (suffix = '') =>
      String(await redis.client('LIST'))
        .split('\n')
        .filter((line) => line.includes(`name=${t.config.REDIS_PREFIX}:${suffix}`)).length;
    const ids = await Promise.all(Array.from({ length: 30 }, () => newConversation(student)));
    const before = await named();
    const clients = ids.map((id) =>
      openSse(`${t.url}/api/v1/conversations/${id}/stream`, { Authorization: student.bearer }),
    );
    await Promise.all(clients.map((c) => c.ready));
    await Promise.all(
      ids.map((id, i) =>
        api('post', `/conversations/${id}/messages`, student)
          .send({ content: `Question ${i}` })
          .expect(202),
      ),
    );
    const messages = await Promise.all(clients.map((c) => c.waitFor((e) => e.event === 'message', 240_000)));
    messages.forEach((m, i) => expect(m.data.message.content).toContain(`Question ${i}`));
    // One reader for all of them, and no other connection per client.
    expect(await named('sse-reader')).toBe(1);
    expect((await named()) - before).toBeLessThanOrEqual(1);
    for (const c of clients) c.close();
  });
  describe('coalesced deltas', () => {
    it('a long answer comes as few, whole deltas in order: the first piece at once, their text the stored answer', async () => {
      const id = await newConversation(student, { maxTokens: 1000 });
      const sse = openSse(`${t.url}/api/v1/conversations/${id}/stream`, { Authorization: student.bearer });
      await sse.ready;
      llm.setLatency({ chunkDelayMs: 10 });
      const sent = await api('post', `/conversations/${id}/messages`, student).send({ content: LONG }).expect(202);
      const message = await sse.waitFor((e) => e.event === 'message');
      const stored = await storedAnswer(id);
      const deltas = deltasOf(sse.events);
      expect(message.data.message.content).toBe(stored);
      expect(textOf(sse.events)).toBe(stored);
      // One run: every delta under the same attempt.
      expect(
        deltas.every((d) => d.data.messageId === sent.body.messageId && d.data.attempt === deltas[0].data.attempt),
      ).toBe(true);
      // The message comes after every delta of the answer.
      expect(sse.events[sse.events.length - 1]).toBe(message);
      expectIncreasingIds(sse.events);
      // The first piece (4 words) is not held back; later ones are coalesced: fewer deltas than pieces.
      expect(deltas[0].data.text).toBe('Réponse simulée par le');
      const pieces = Math.ceil(stored.split(' ').length / 4);
      expect(deltas.length).toBeLessThan(pieces);
      expect(deltas.some((d) => d.data.text.split(' ').length > 8)).toBe(true);
      sse.close();
    });

    it('after a cut mid-answer, a client resuming with Last-Event-ID gets exactly the rest', async () => {
      const id = await newConversation(student, { maxTokens: 1000 });
      const first = openSse(`${t.url}/api/v1/conversations/${id}/stream`, { Authorization: student.bearer });
      await first.ready;
      llm.setLatency({ chunkDelayMs: 10 });
      await api('post', `/conversations/${id}/messages`, student).send({ content: LONG }).expect(202);
      await first.waitFor((e) => e.event === 'delta' && deltasOf(first.events).length >= 2);
      first.close();
      const seen = [...first.events];
      expect(seen.some((e) => e.event === 'message')).toBe(false);
      const lastSeen = seen[seen.length - 1].id!;

      const resumed = openSse(`${t.url}/api/v1/conversations/${id}/stream`, {
        Authorization: student.bearer,
        'Last-Event-ID': lastSeen,
      });
      const message = await resumed.waitFor((e) => e.event === 'message');
      const stored = await storedAnswer(id);
      expect(message.data.message.content).toBe(stored);
      // No gap, no duplicate: what was seen, then what came after it, is the whole answer.
      expect(streamIdAfter(resumed.events[0].id!, lastSeen)).toBe(true);
      expectIncreasingIds([...seen, ...resumed.events]);
      expect(textOf(seen) + textOf(resumed.events)).toBe(stored);
      resumed.close();
    });

    it('several clients of one conversation each get the whole answer, the same events', async () => {
      const id = await newConversation(student, { maxTokens: 1000 });
      const clients = [0, 1, 2].map(() =>
        openSse(`${t.url}/api/v1/conversations/${id}/stream`, { Authorization: student.bearer }),
      );
      await Promise.all(clients.map((c) => c.ready));
      llm.setLatency({ chunkDelayMs: 10 });
      await api('post', `/conversations/${id}/messages`, student).send({ content: LONG }).expect(202);
      await Promise.all(clients.map((c) => c.waitFor((e) => e.event === 'message')));
      const stored = await storedAnswer(id);
      for (const c of clients) {
        expect(textOf(c.events)).toBe(stored);
        expectIncreasingIds(c.events);
        expect(c.events.map((e) => e.id)).toEqual(clients[0].events.map((e) => e.id));
        c.close();
      }
    });

    it('a client resuming from far behind gets what it missed in one write, not one per event', async () => {
      const id = await newConversation(student, { maxTokens: 1000 });
      const live = openSse(`${t.url}/api/v1/conversations/${id}/stream`, { Authorization: student.bearer });
      await live.ready;
      llm.setLatency({ chunkDelayMs: 10 });
      await api('post', `/conversations/${id}/messages`, student).send({ content: LONG }).expect(202);
      await live.waitFor((e) => e.event === 'message');
      live.close();
      const missed = live.events.length - 1;
      expect(missed).toBeGreaterThan(2);

      // Raw HTTP: the chunks that hold events (the greeting comment is written before the catch-up).
      const chunks: string[] = [];
      let body = '';
      const req = http.get(
        `${t.url}/api/v1/conversations/${id}/stream`,
        {
          headers: { Accept: 'text/event-stream', Authorization: student.bearer, 'Last-Event-ID': live.events[0].id! },
        },
        (res) =>
          res.setEncoding('utf8').on('data', (chunk: string) => {
            body += chunk;
            if (chunk.includes('event: ')) chunks.push(chunk);
          }),
      );
      await until(async () => body.includes('event: message'), 'la reprise');
      req.destroy();
      expect(body.match(/^event: /gm)).toHaveLength(missed);
      expect(chunks).toHaveLength(1);
    });
  });
});
