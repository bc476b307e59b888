import Redis from 'ioredis';
import net from 'node:net';
import { JobQueue } from '../libs/queue';
import { LinkTokens } from '../src/identity/link-tokens.service';
import { CLEANUP_SCHEDULER_ID } from '../src/admin/cleanup-magic-links/cleanup-magic-links.schedule';
import { PURGE_ANALYTICS_SCHEDULER_ID } from '../src/admin/purge-analytics/purge-analytics.schedule';
import { SWEEP_TURNS_SCHEDULER_ID } from '../src/conversation/sweep-turns/sweep-turns.schedule';
import { createUser, TestUser } from './support/auth';
import { openHackathonVia } from './support/full-stack';
import { startTcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { until } from './support/wait';

// tools/local-services.js starts a redis-server (no persistence, noeviction) where nothing answers.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require('../tools/local-services.js');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The engine's URI with its host and port replaced by the proxy's. */
function throughProxy(uri: string, port: number): string {
  return uri.replace(/^(mongodb:\/\/)[^/]+/, `$1127.0.0.1:${port}`);
}

/**
 * docs/api.md "Outages": with Redis or the engine away, routes answer `503` with a stable code
 * and `Retry-After` (never `500`), sign-in keeps working without Redis, and what a worker keeps
 * in Redis (schedules, the admin queue's concurrency) comes back after a flush. Redis is one of
 * this file's own (never the shared one), both dependencies are reached through TCP proxies cut
 * to simulate the outage.
 */
describe('outages: answers while Redis or the engine is away', () => {
  let redisServer: { stop: () => Promise<void> };
  let redisPort: number;
  let redisProxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let engineProxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let t: TestApp;
  let admin: TestUser;
  let student: TestUser;
  let hackathonId: string;
  let conversationId: string;

  const api = (method: 'get' | 'post', path: string, who?: TestUser) => {
    const req = (t.http() as any)[method](`/api/v1${path}`);
    return who ? req.set('Authorization', who.bearer) : req;
  };
  const signIn = (email: string, password = 'password-123') => api('post', '/auth/login').send({ email, password });

  /** The routes issue 20 found answering 500 while Redis was away. */
  const redisRoutes = () => [
    api('get', `/hackathons/${hackathonId}/quota/me`, student),
    api('post', `/conversations/${conversationId}/stream-ticket`, student),
    api('get', `/hackathons/${hackathonId}/dashboard`, admin),
    api('get', `/hackathons/${hackathonId}/participants`, admin),
  ];

  beforeAll(async () => {
    redisPort = await freePort();
    redisServer = await services.ensureRedis(`redis://127.0.0.1:${redisPort}`, { log: () => undefined });
    redisProxy = await startTcpProxy({ host: '127.0.0.1', port: redisPort });
    const engine = /^mongodb:\/\/([^/:]+):(\d+)/.exec(process.env.TEST_MONGODB_URI!)!;
    engineProxy = await startTcpProxy({ host: engine[1], port: Number(engine[2]) });
    t = await startTestApp({
      REDIS_URL: redisProxy.url('redis'),
      MONGODB_URI: throughProxy(process.env.TEST_MONGODB_URI!, engineProxy.port),
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1000',
      MONGODB_SOCKET_TIMEOUT_MS: '1500',
      REDIS_COMMAND_TIMEOUT_MS: '1000',
      SCHEDULES_CHECK_EVERY_MS: '300',
      BCRYPT_ROUNDS: '4',
    });
    admin = await createUser(t, 'admin');
    student = await createUser(t, 'student');
    const h = await openHackathonVia(api, admin);
    hackathonId = h.id;
    conversationId = (
      await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
    ).body.conversation.id;
  });

  afterAll(async () => {
    redisProxy?.restore();
    engineProxy?.restore();
    await t?.close();
    await redisProxy?.close();
    await engineProxy?.close();
    await redisServer?.stop();
  });

  it('with Redis cut: sign-in still works, the Redis routes answer 503 REDIS_UNAVAILABLE with Retry-After, then answer again', async () => {
    for (const res of await Promise.all(redisRoutes())) expect(res.status).toBeLessThan(300);

    redisProxy.cut();
    try {
      const signedIn = await signIn(student.email);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.accessToken).toEqual(expect.any(String));
      // The session it opened is a real one: the guard accepts its token.
      const me = await api('get', '/auth/me').set('Authorization', `Bearer ${signedIn.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body.user.id).toBe(student.id);

      for (const res of await Promise.all(redisRoutes())) {
        expect({ path: res.req.path, status: res.status, code: res.body.code }).toEqual({
          path: res.req.path,
          status: 503,
          code: 'REDIS_UNAVAILABLE',
        });
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
        expect(res.body.message).toMatch(/indisponible/);
      }
    } finally {
      redisProxy.restore();
    }

    await until(async () => {
      const answers = await Promise.all(redisRoutes());
      return answers.every((r) => r.status < 300);
    }, 'les routes de nouveau servies une fois Redis revenu');
  }, 60_000);

  it('with Redis cut: a mailed sign-in link and a refresh still work, and a refresh token’s reuse still ends its session', async () => {
    const link = await t.app.get(LinkTokens).create('sign-in', student.id);
    redisProxy.cut();
    try {
      const signedIn = await api('post', '/auth/magic-link/verify').send({ token: link!.token });
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user.id).toBe(student.id);
      // The link was spent: a second use is refused, Redis or not.
      const reused = await api('post', '/auth/magic-link/verify').send({ token: link!.token });
      expect(reused.status).toBe(401);

      const refreshed = await api('post', '/auth/refresh').send({ refreshToken: signedIn.body.refreshToken });
      expect(refreshed.status).toBe(200);
      // A refresh token used twice ends its session (reuse), Redis or not.
      const replayed = await api('post', '/auth/refresh').send({ refreshToken: signedIn.body.refreshToken });
      expect(replayed.status).toBe(401);
      const ended = await api('get', '/auth/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`);
      expect(ended.status).toBe(401);
    } finally {
      redisProxy.restore();
    }
  }, 60_000);

  it('with Redis cut, the sign-in limit still holds (counted in the process): the door stays open, not wide open', async () => {
    const guessed = await createUser(t, 'student');
    redisProxy.cut();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < t.config.LOGIN_RATE_LIMIT_PER_MINUTE; i++)
        statuses.push((await signIn(guessed.email, 'wrong-pass')).status);
      expect(statuses).toEqual(Array(t.config.LOGIN_RATE_LIMIT_PER_MINUTE).fill(401));
      const blocked = await signIn(guessed.email, 'wrong-pass');
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('RATE_LIMITED');
      expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
      // Another account from the same address is not blocked by it.
      expect((await signIn(student.email)).status).toBe(200);
    } finally {
      redisProxy.restore();
    }
  }, 60_000);

  it('with the engine cut: routes answer 503 DATABASE_UNAVAILABLE with Retry-After, then answer again', async () => {
    await api('get', '/auth/me', student).expect(200);
    engineProxy.cut();
    try {
      const answers = await Promise.all([
        api('get', '/auth/me', student),
        api('get', `/hackathons/${hackathonId}/participants`, admin),
        api('get', `/conversations/${conversationId}`, student),
        signIn(student.email),
      ]);
      for (const res of answers) {
        expect({ path: res.req.path, status: res.status, code: res.body.code }).toEqual({
          path: res.req.path,
          status: 503,
          code: 'DATABASE_UNAVAILABLE',
        });
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
      }
    } finally {
      engineProxy.restore();
    }
    // Polled without signing in (each try would count against the sign-in limit), then once.
    await until(async () => {
      const answers = await Promise.all([
        api('get', '/auth/me', student),
        api('get', `/hackathons/${hackathonId}/participants`, admin),
      ]);
      return answers.every((r) => r.status === 200);
    }, 'les routes de nouveau servies une fois le moteur revenu');
    expect((await signIn(student.email)).status).toBe(200);
  }, 60_000);

  it('with the engine hung (sockets open, no answer): routes answer 503 DATABASE_UNAVAILABLE, then answer again', async () => {
    await api('get', '/auth/me', student).expect(200);
    engineProxy.hang();
    try {
      const answers = await Promise.all([
        api('get', '/auth/me', student),
        api('get', `/hackathons/${hackathonId}/participants`, admin),
      ]);
      for (const res of answers) {
        expect({ path: res.req.path, status: res.status, code: res.body.code }).toEqual({
          path: res.req.path,
          status: 503,
          code: 'DATABASE_UNAVAILABLE',
        });
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
      }
    } finally {
      engineProxy.restore();
    }
    await until(async () => (await api('get', '/auth/me', student)).status === 200, 'le moteur de nouveau servi');
  }, 60_000);

  describe('what a worker keeps in Redis', () => {
    const all = { cleanup: true, purge: true, sweep: true, adminConcurrency: 1 };
    /** The three schedulers and the admin queue's concurrency as BullMQ reads them (false while Redis is away). */
    const registered = async () => {
      const jobs = t.app.get(JobQueue);
      try {
        const admins = (await jobs.queue('admin').getJobSchedulers()).map((s) => s.key);
        const ai = (await jobs.queue('ai').getJobSchedulers()).map((s) => s.key);
        return {
          cleanup: admins.includes(CLEANUP_SCHEDULER_ID),
          purge: admins.includes(PURGE_ANALYTICS_SCHEDULER_ID),
          sweep: ai.includes(SWEEP_TURNS_SCHEDULER_ID),
          adminConcurrency: await jobs.queue('admin').getGlobalConcurrency(),
        };
      } catch {
        return false;
      }
    };
    const allRegistered = async () => JSON.stringify(await registered()) === JSON.stringify(all);

    it('comes back after a FLUSHALL: the three schedules and the admin queue’s one-at-a-time setting', async () => {
      await until(allRegistered, 'les planifications au départ');
      // This file's own Redis, straight (not through the proxy): the shared one is never flushed.
      const direct = new Redis(redisPort, '127.0.0.1', { maxRetriesPerRequest: 1 });
      try {
        // One transaction: nothing can register again between the flush and the count.
        const [[, flushed], [, left]] = (await direct.multi().flushall().dbsize().exec()) as [unknown, unknown][];
        expect(flushed).toBe('OK');
        expect(left).toBe(0);
      } finally {
        direct.disconnect();
      }
      await until(allRegistered, 'les planifications de nouveau enregistrées après le vidage');
      expect(await registered()).toEqual(all);
    }, 60_000);

    it('comes back after Redis restarted empty', async () => {
      await until(allRegistered, 'les planifications au départ');
      await redisServer.stop();
      redisServer = await services.ensureRedis(`redis://127.0.0.1:${redisPort}`, { log: () => undefined });
      expect(redisServer).not.toBeNull();
      await until(allRegistered, 'les planifications de nouveau enregistrées après le redémarrage');
      expect(await registered()).toEqual(all);
    }, 60_000);
  });
});
