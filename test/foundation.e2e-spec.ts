import { MongoClient } from 'mongodb';
import { DatabaseEngine } from '../libs/database';
import { startTcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { runCommand } from './support/ts-command';

/** Runs src/main.ts in a child process with only `env`. */
const runMain = (env: Record<string, string>) => runCommand('src/main.ts', [], env);

describe('foundation: the service on the real engine and Redis', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('talks to the engine over the wire: buildInfo answers, and the app detected the same engine', async () => {
    const client = await MongoClient.connect(process.env.TEST_MONGODB_URI!);
    try {
      const info = await client.db('admin').command({ buildInfo: 1 });
      expect(typeof info.version).toBe('string');
      const engine = t.app.get(DatabaseEngine);
      if (process.env.TEST_ENGINE === 'ferretdb') {
        expect(info.ferretdbVersion).toMatch(/1\.24\.2/);
        expect(engine.kind).toBe('ferretdb');
      } else {
        expect(engine.kind).toBe(info.ferretdbVersion ? 'ferretdb' : 'mongodb');
      }
    } finally {
      await client.close();
    }
  });

  it('GET /api/v1/health reports mongo, redis and queue counts', async () => {
    const res = await t.http().get('/api/v1/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.mongo.status).toBe('up');
    expect(typeof res.body.mongo.responseTimeMs).toBe('number');
    expect(res.body.redis.status).toBe('up');
    expect(Object.keys(res.body.queues).sort()).toEqual(['admin', 'ai', 'mail']);
    expect(res.body.queues.ai).toEqual(
      expect.objectContaining({ waiting: expect.any(Number), active: expect.any(Number), failed: expect.any(Number) }),
    );
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('keeps a valid X-Request-Id given by the client', async () => {
    const res = await t.http().get('/api/v1/health').set('X-Request-Id', 'client-req-42').expect(200);
    expect(res.headers['x-request-id']).toBe('client-req-42');
  });

  it('answers a malformed JSON body with 400 INVALID_JSON', async () => {
    const res = await t
      .http()
      .post('/api/v1/health')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.c",');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'INVALID_JSON', message: expect.any(String) });
  });

  it('answers a body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ content: 'x'.repeat(1024 * 1024 + 10) });
    const res = await t.http().post('/api/v1/health').set('Content-Type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with 404 in the error format', async () => {
    const res = await t.http().get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      message: expect.stringContaining('/api/v1/nothing-here'),
    });
  });

  it('serves Prometheus metrics with the HTTP latency histogram and queue depths', async () => {
    await t.http().get('/api/v1/health').expect(200);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/health"/);
    expect(res.text).toMatch(/queue_jobs\{queue="ai",state="waiting"\} \d+/);
  });

  it('publishes the OpenAPI document and its UI', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/health');
    const ui = await t.http().get('/api/docs').expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('sets security headers (helmet)', async () => {
    const res = await t.http().get('/api/v1/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('foundation: faults', () => {
  it('with Redis gone, health answers 503 naming redis and routes that need no Redis still answer', async () => {
    const redisUrl = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    const proxy = await startTcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    const t = await startTestApp({ REDIS_URL: proxy.url('redis') });
    try {
      await t.http().get('/api/v1/health').expect(200);
      proxy.cut();
      const res = await t.http().get('/api/v1/health');
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('error');
      expect(res.body.redis.status).toBe('down');
      expect(res.body.mongo.status).toBe('up');
      await t.http().get('/api/docs-json').expect(200);
      proxy.restore();
    } finally {
      await t.close();
      await proxy.close();
    }
  });

  it('waits for an engine that answers a few seconds after the start, past one server selection timeout', async () => {
    const engine = new URL(process.env.TEST_MONGODB_URI!);
    const proxy = await startTcpProxy({ host: engine.hostname, port: Number(engine.port || 27017) });
    proxy.cut();
    const back = setTimeout(() => proxy.restore(), 3000);
    const through = new URL(process.env.TEST_MONGODB_URI!);
    through.host = `127.0.0.1:${proxy.port}`;
    try {
      // 1 s of server selection a try: the first tries meet a refused connection, a later one the engine.
      const t = await startTestApp({
        MONGODB_URI: through.toString(),
        MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1000',
      });
      try {
        const res = await t.http().get('/api/v1/health').expect(200);
        expect(res.body.mongo.status).toBe('up');
      } finally {
        await t.close();
      }
    } finally {
      clearTimeout(back);
      await proxy.close();
    }
  });

  it('exits non-zero with one clear line when MongoDB is unreachable at start', async () => {
    const { code, stderr } = await runMain({
      MONGODB_URI: 'mongodb://127.0.0.1:9/unreachable_test',
      JWT_SECRET: 'x'.repeat(40),
      NODE_ENV: 'production',
      PORT: '0',
      LOG_LEVEL: 'silent',
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `pctest:${process.env.TEST_RUN_ID}:unreachable`,
    });
    expect(code).not.toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/MongoDB injoignable/);
  });

  it('refuses to start on a bad variable with one line naming it', async () => {
    const missing = await runMain({ JWT_SECRET: 'x'.repeat(40), NODE_ENV: 'production' });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/MONGODB_URI/);

    const shortSecret = await runMain({
      MONGODB_URI: 'mongodb://127.0.0.1:9/x',
      JWT_SECRET: 'too-short',
      NODE_ENV: 'production',
    });
    expect(shortSecret.code).toBe(1);
    expect(shortSecret.stderr.trim().split('\n')).toHaveLength(1);
    expect(shortSecret.stderr).toMatch(/JWT_SECRET/);
  });
});
