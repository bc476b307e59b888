import http from 'node:http';
import { Clock } from '../libs/clock';
import { RedisService } from '../libs/redis';
import { createUser, TestUser } from './support/auth';
import { FakeClock } from './support/builders';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { fakeLlmEnv, openHackathonVia } from './support/full-stack';
import { openSse } from './support/sse';
import { startTestApp, TestApp } from './support/test-app';

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

  async function newConversation(who: TestUser) {
    const h = await openHackathonVia(api, admin);
    const res = await api('post', '/conversations', who).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201);
    return res.body.conversation.id as string;
  }

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
  afterEach(() => clock.reset());

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
});
