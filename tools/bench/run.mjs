// `npm run bench`: docs/architecture.md's "Performance budgets", measured at the seed's scale on the
// embedded engine's backends, side by side with a bare baseline, and written to
// docs/benchmarks.md.
//
// For each backend (FerretDB on PostgreSQL when a server answers, FerretDB on SQLite; or the
// MongoDB of MONGODB_URI alone):
//   1. a fresh engine (PostgreSQL: its own database `pc_bench_<ts>`; SQLite: a temp folder),
//      the app (dist/src/main.js, APP_ROLE=all, NODE_ENV=production) and the baseline
//      (tools/bench/baseline-server.mjs: bare node:http + mongodb doing the same database work)
//      as their own processes on the same database, the fake LLM at 0 ms latency;
//   2. 1 000 users and the hackathons, then conversations of ~8 KB with their evaluations and
//      ledger rows, seeded in bulk through the driver (tools/bench/seed.mjs), first 1 000
//      conversations, then up to 10 000 (growth); on PostgreSQL an ANALYZE after each load, as
//      autovacuum would do within a minute;
//   3. at each scale: the hot reads (`/auth/me`, `/hackathons/active`, `/conversations/mine`)
//      against the baseline at full speed (alternating rounds) and at a fixed rate (p99); the
//      sends at a fixed rate and the AI jobs drained by the app's own workers; the hackathon
//      dashboard for 300 students;
//   4. everything stopped, the database dropped, the Redis keys deleted — also on failure.
//
// An endpoint that costs more than BENCH_SLOW_MS per request (SQLite at 10 000 conversations:
// seconds) is measured with a few requests (BENCH_SLOW_REQUESTS over 2 connections) instead
// of full speed and a fixed rate, and the report says so. It reports, it does not gate: exit 0
// when a budget is missed, non-zero only when the harness fails or exceeds BENCH_TIMEOUT_S.
//
// Knobs (env): BENCH_BACKENDS (postgresql,sqlite), BENCH_SCALES (1000,10000), BENCH_USERS (1000),
// BENCH_CONNECTIONS (50), BENCH_ROUNDS (2), BENCH_ROUND_S (2), BENCH_WARMUP_S (1), BENCH_RATE
// (300), BENCH_RATE_S (4), BENCH_SEND_RATE (200), BENCH_SEND_S (4), BENCH_SLOW_MS (250),
// BENCH_SLOW_REQUESTS (12), BENCH_DRAIN_TIMEOUT_S (40), BENCH_TIMEOUT_S (900), BENCH_OUT,
// BENCH_REBUILD, BENCH_APP_LOG (file prefix for the app's output), BENCH_APP_CPU_PROF (a folder
// for the app's CPU profile), MONGODB_URI, REDIS_URL,
// FERRETDB_POSTGRESQL_URL.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  api,
  cleanup,
  CPU_COLUMNS,
  deleteRedisKeys,
  fixedCount,
  fixedRate,
  freePort,
  fullSpeed,
  HarnessError,
  intEnv,
  log,
  memoryOf,
  newSink,
  onCleanup,
  percentile,
  pidSource,
  postgresSource,
  redisSource,
  ROOT,
  run,
  runCleanupStep,
  services,
  setCpuSources,
  sleep,
  spawnNode,
  startEngine,
  stopChildren,
  summarize,
  waitFor,
  withCpu,
  APP_MAIN,
  CREATE_ADMIN,
  FAKE_LLM,
} from './harness.mjs';
import { KEPT_SECTIONS, sectionBoundsOf } from './class-report.mjs';
import { DASHBOARD_STUDENTS, HOT_STUDENTS, seedConversations, seedUsers } from './seed.mjs';

const require = createRequire(import.meta.url);
const { MongoClient } = require('mongodb');
const Redis = require('ioredis');
const bcrypt = require('bcrypt');

const BASELINE = path.join(ROOT, 'tools', 'bench', 'baseline-server.mjs');

// docs/architecture.md, "Performance budgets".
const BUDGET = {
  minThroughputRatio: 0.8,
  maxP99Ms: 50,
  maxGrowth: 1.3,
  minJobsPerS: 200,
  maxDashboardMs: 100,
  minRateReached: 0.95,
  maxOtherCores: 0.25,
};

const loadavg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

function config() {
  const list = (name, fallback) => (process.env[name] || fallback).split(',').map((s) => s.trim());
  return {
    scales: list('BENCH_SCALES', '1000,10000').map(Number),
    users: intEnv('BENCH_USERS', 1000, 400),
    connections: intEnv('BENCH_CONNECTIONS', 50),
    rounds: intEnv('BENCH_ROUNDS', 2),
    roundS: intEnv('BENCH_ROUND_S', 2),
    warmupS: intEnv('BENCH_WARMUP_S', 1, 0),
    rate: intEnv('BENCH_RATE', 300),
    rateS: intEnv('BENCH_RATE_S', 4),
    sendRate: intEnv('BENCH_SEND_RATE', 200),
    sendS: intEnv('BENCH_SEND_S', 4),
    slowMs: intEnv('BENCH_SLOW_MS', 250),
    slowRequests: intEnv('BENCH_SLOW_REQUESTS', 12, 2),
    drainTimeoutS: intEnv('BENCH_DRAIN_TIMEOUT_S', 40),
  };
}

// ---------------------------------------------------------------------------------------------
// Measurements

/** Up to `n` requests one after the other (one only when it is slow): mean latency, status of the last one. */
async function probe(url, headers, n = 3, init = {}, slowMs = Infinity) {
  let total = 0;
  let status = 0;
  let i = 0;
  for (; i < n; i++) {
    if (i > 0 && total / i > slowMs) break;
    const t = performance.now();
    const res = await fetch(url, { headers, ...init, signal: AbortSignal.timeout(120000) });
    await res.arrayBuffer();
    status = res.status;
    total += performance.now() - t;
  }
  return { meanMs: total / i, status };
}

/** How many requests a slow endpoint gets per side: enough to say something, not minutes of them. */
const slowAmount = (cfg, ms) => (ms > 5000 ? 2 : Math.max(3, Math.min(cfg.slowRequests, Math.ceil(20000 / ms))));

/**
 * A hot read, app against baseline: full speed in alternating rounds, then the app alone at
 * the fixed rate. Slow endpoints: a few requests per side instead (and no fixed rate).
 */
async function readPair(cfg, name, app, base) {
  const first = app.headersFor(0);
  const p = await probe(app.url, first, 3, {}, cfg.slowMs);
  if (p.status !== 200) throw new HarnessError(`${name} : ${app.url} → ${p.status}`);
  const out = { name, probeMs: p.meanMs };
  if (p.meanMs > cfg.slowMs) {
    const amount = slowAmount(cfg, p.meanMs);
    log(`${name} : ${p.meanMs.toFixed(0)} ms par requête, mesure réduite (${amount} requêtes par côté)`);
    const sinks = { app: newSink(), base: newSink() };
    await fixedCount(base, { connections: 2, amount, sink: sinks.base });
    await fixedCount(app, { connections: 2, amount, sink: sinks.app });
    out.slow = { amount };
    out.app = summarize(`${name} — app, ${amount} requests`, sinks.app, { target: 'app', connections: 2 });
    out.base = summarize(`${name} — baseline, ${amount} requests`, sinks.base, { target: 'baseline', connections: 2 });
    out.ratio = out.app.okRps / out.base.okRps;
    out.roundRatios = [];
    return out;
  }
  // Tens of ms per request: 50 connections would only queue (seconds of latency, rounds with no
  // answer at all); a few connections still keep both cores busy.
  const C = p.meanMs > 20 ? 6 : cfg.connections;
  if (cfg.warmupS > 0) {
    await fullSpeed(base, { connections: C, durationS: cfg.warmupS, sink: newSink() });
    await fullSpeed(app, { connections: C, durationS: cfg.warmupS, sink: newSink() });
  }
  const sinks = { app: newSink(), base: newSink() };
  out.roundRatios = [];
  for (let r = 0; r < cfg.rounds; r++) {
    const rate = {};
    for (const side of r % 2 === 0 ? ['app', 'base'] : ['base', 'app']) {
      const before = { ok: sinks[side].ok, s: sinks[side].seconds };
      await sleep(300);
      await fullSpeed(side === 'app' ? app : base, { connections: C, durationS: cfg.roundS, sink: sinks[side] });
      rate[side] = (sinks[side].ok - before.ok) / (sinks[side].seconds - before.s);
    }
    out.roundRatios.push(rate.app / rate.base);
  }
  out.app = summarize(`${name} — app, full speed`, sinks.app, { target: 'app', connections: C });
  out.base = summarize(`${name} — baseline, full speed`, sinks.base, { target: 'baseline', connections: C });
  out.ratio = out.app.okRps / out.base.okRps;
  // Offering more than the app can serve measures only its queue: said instead of measured.
  if (out.app.okRps < BUDGET.minRateReached * cfg.rate) {
    out.capacityOnly = true;
    return out;
  }
  const fixed = newSink();
  await sleep(300);
  await fixedRate(app, { rate: cfg.rate, connections: cfg.connections, durationS: cfg.rateS, sink: fixed });
  out.fixed = summarize(`${name} — app, ${cfg.rate} req/s`, fixed, { target: 'app', connections: cfg.connections });
  return out;
}

async function sending(cfg, ctx) {
  const C = cfg.connections;
  let sendNo = 0;
  let baseNo = 0;
  const body = (n) => JSON.stringify({ content: `Prompt de banc n° ${n} : écris une fonction Python.` });
  const appSend = {
    url: ctx.appBase,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = sendNo++;
          const c = ctx.sendOrder[n % ctx.sendOrder.length];
          return {
            ...req,
            method: 'POST',
            path: `/api/v1/conversations/${c.id}/messages`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
            body: body(n),
          };
        },
      },
    ],
  };
  const baseSend = {
    url: ctx.baseBase,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = baseNo++;
          const c = ctx.sendOrder[n % ctx.sendOrder.length];
          return {
            ...req,
            method: 'POST',
            path: '/send',
            headers: { 'content-type': 'application/json', 'x-user-id': c.studentId, 'x-conversation-id': c.id },
            body: body(n),
          };
        },
      },
    ],
  };
  const bull = `${ctx.prefix}:bull:ai`;
  const redis = ctx.redis;
  const queueState = async () => {
    const [[, wait], [, active], [, delayed], [, prioritized], [, completed], [, failed]] = await redis
      .multi()
      .llen(`${bull}:wait`)
      .llen(`${bull}:active`)
      .zcard(`${bull}:delayed`)
      .zcard(`${bull}:prioritized`)
      .zcard(`${bull}:completed`)
      .zcard(`${bull}:failed`)
      .exec();
    return { backlog: wait + active + delayed + prioritized, completed, failed };
  };
  const waitForEmptyQueue = async (timeoutS) => {
    const deadline = Date.now() + timeoutS * 1000;
    let q = await queueState();
    while (q.backlog > 0 && Date.now() < deadline) {
      await sleep(250);
      q = await queueState();
    }
    return q;
  };

  // Probe: a few sends one after the other (their jobs drained before measuring).
  const t0 = performance.now();
  let probes = 0;
  for (; probes < 3; probes++) {
    if (probes > 0 && (performance.now() - t0) / probes > cfg.slowMs) break;
    const c = ctx.sendOrder[sendNo++ % ctx.sendOrder.length];
    await api(ctx.appBase, 'POST', `/api/v1/conversations/${c.id}/messages`, {
      token: c.token,
      body: { content: 'Sonde du banc.' },
      expect: [202],
      timeoutMs: 120000,
    });
  }
  const probeMs = (performance.now() - t0) / probes;
  await waitForEmptyQueue(cfg.drainTimeoutS);
  // > slowMs: a few sends over 2 connections; > 25 ms (the rate cannot be held): full speed
  // over 4 connections for a bounded time (each send also starts an AI job that competes for
  // the CPU, so a count could take minutes); else the fixed rate.
  const slow = probeMs > 25;
  const amount = probeMs > cfg.slowMs ? slowAmount(cfg, probeMs) : 0;
  const sendConnections = probeMs > cfg.slowMs ? 2 : 4;
  const offer = (target, sink) =>
    amount
      ? fixedCount(target, { connections: sendConnections, amount, sink })
      : fullSpeed(target, { connections: sendConnections, durationS: cfg.sendS * 2, sink });
  const sinks = { app: newSink(), base: newSink() };
  await sleep(300);
  if (slow) {
    log(
      `envoi : ${probeMs.toFixed(0)} ms par envoi, mesure réduite (${amount ? `${amount} envois` : `${cfg.sendS * 2} s`}, ${sendConnections} connexions)`,
    );
    await offer(baseSend, sinks.base);
  } else {
    await fixedRate(baseSend, { rate: cfg.sendRate, connections: C, durationS: cfg.sendS, sink: sinks.base });
  }
  await sleep(300);
  const q0 = await queueState();
  let peakBacklog = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const q = await queueState().catch(() => null);
      if (q) peakBacklog = Math.max(peakBacklog, q.backlog);
      await sleep(250);
    }
  })();
  const firstSendAt = Date.now();
  if (slow) await offer(appSend, sinks.app);
  else await fixedRate(appSend, { rate: cfg.sendRate, connections: C, durationS: cfg.sendS, sink: sinks.app });
  const sendEndedAt = Date.now();
  const accepted = sinks.app.statusCodes[202] ?? 0;
  const drainSink = newSink();
  let qEnd = await queueState();
  const duringSend = qEnd.completed - q0.completed;
  let timedOut = false;
  await withCpu(drainSink, async () => {
    const deadline = Date.now() + cfg.drainTimeoutS * 1000;
    while (qEnd.completed + qEnd.failed - q0.completed - q0.failed < accepted || qEnd.backlog > 0) {
      if (Date.now() > deadline) {
        timedOut = true;
        break;
      }
      await sleep(250);
      qEnd = await queueState();
    }
  });
  polling = false;
  await poller;
  const doneIds = await redis.zrangebyscore(`${bull}:completed`, firstSendAt, '+inf');
  const lastDone = await redis.zrange(`${bull}:completed`, -1, -1, 'WITHSCORES');
  const lastFinishedAt = Number(lastDone[1] ?? Date.now());
  const timing = doneIds.length
    ? await doneIds.reduce((m, id) => m.hmget(`${bull}:${id}`, 'timestamp', 'finishedOn'), redis.pipeline()).exec()
    : [];
  const e2e = timing
    .map(([, v]) => Number(v[1]) - Number(v[0]))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const completed = qEnd.completed - q0.completed;
  const spanS = (lastFinishedAt - firstSendAt) / 1000;
  drainSink.responses = completed;
  const label = !slow
    ? `${cfg.sendRate} sends/s`
    : amount
      ? `${amount} sends`
      : `full speed, ${sendConnections} connections`;
  return {
    probeMs,
    slow: slow ? { amount, connections: sendConnections, seconds: sinks.app.seconds } : null,
    app: summarize(`\`POST /conversations/:id/messages\` → 202 — app, ${label}`, sinks.app, {
      target: 'app',
      connections: slow ? sendConnections : C,
    }),
    base: summarize(`\`POST /send\` (insert + LPUSH) — baseline, ${label}`, sinks.base, {
      target: 'baseline',
      connections: slow ? sendConnections : C,
    }),
    drain: summarize('AI jobs: from the end of the sends until the `ai` queue is empty (per job)', drainSink, {
      target: 'workers',
      connections: '—',
    }),
    jobs: {
      accepted,
      completed,
      failed: qEnd.failed - q0.failed,
      spanS,
      perS: completed / spanS,
      duringSend,
      sendPhaseS: (sendEndedAt - firstSendAt) / 1000,
      peakBacklog,
      timedOut,
      e2eP50: percentile(e2e, 0.5),
      e2eP99: percentile(e2e, 0.99),
    },
  };
}

/** The hackathon dashboard (docs/api.md 1.1) for the 300 students of H1; stand-ins when the route is absent. */
async function dashboard(ctx) {
  const auth = { authorization: `Bearer ${ctx.adminToken}` };
  const h1 = ctx.hackathons.h1.id;
  const routes = [[`/api/v1/hackathons/${h1}/dashboard`, 'dashboard']];
  const first = await probe(`${ctx.appBase}${routes[0][0]}`, auth, 1);
  const out = { present: first.status === 200, status: first.status, rows: [] };
  if (!out.present) {
    routes.length = 0;
    routes.push(
      [`/api/v1/hackathons/${h1}/evaluations/stats`, 'stand-in: evaluation stats'],
      [`/api/v1/hackathons/${h1}/conversations?limit=50`, 'stand-in: conversations of the hackathon'],
    );
  }
  for (const [url, label] of routes) {
    const lat = [];
    let status = 0;
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      const res = await fetch(`${ctx.appBase}${url}`, { headers: auth, signal: AbortSignal.timeout(120000) });
      await res.arrayBuffer();
      status = res.status;
      lat.push(performance.now() - t);
      if (lat[0] > 3000) break; // seconds each: one is enough to say so
    }
    lat.sort((a, b) => a - b);
    out.rows.push({
      url: url.replace(h1, ':id'),
      label,
      status,
      n: lat.length,
      p50: percentile(lat, 0.5),
      max: lat.at(-1),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One backend

async function benchBackend(kind, cfg, shared) {
  const ts = `${Date.now()}`;
  const loadBefore = loadavg();
  log(`=== ${kind} ===`);
  const dbName = `pc_bench_${ts}`;
  const engine = await startEngine(kind, dbName);
  const prefix = `pcbench:${ts}`;
  onCleanup(() => deleteRedisKeys(shared.redisUrl, prefix));
  const mongo = new MongoClient(engine.uri, { serverSelectionTimeoutMS: 5000, family: 4 });
  await mongo.connect();
  const closeMongo = onCleanup(() => mongo.close());
  const db = mongo.db(dbName);

  const appPort = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    APP_ROLE: 'all',
    PORT: String(appPort),
    MONGODB_URI: engine.uri,
    MONGODB_DB: dbName,
    ...engine.env,
    REDIS_URL: shared.redisUrl,
    REDIS_PREFIX: prefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ANONYMOUS_RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    BCRYPT_ROUNDS: '4',
    SHUTDOWN_TIMEOUT_MS: '2000',
    MAIL_OUTBOX_DIR: path.join(shared.workDir, `outbox-${kind}`),
    AI_FAKE: 'true',
    OPENAI_BASE_URL: `${shared.fakeUrl}/v1`,
    MISTRAL_SERVER_URL: shared.fakeUrl,
  };
  const adminEmail = 'bench-admin@bench.local';
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  await run('create-admin', process.execPath, [CREATE_ADMIN, '--email', adminEmail, '--password', password], {
    env,
    timeoutMs: 120000,
  });
  // BENCH_APP_CPU_PROF=<dir>: the app's V8 CPU profile, written there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_APP_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_APP_CPU_PROF)}`]
    : [];
  const app = spawnNode(`app ${kind}`, [...profile, APP_MAIN], env);
  if (process.env.BENCH_APP_LOG) {
    // e.g. BENCH_APP_LOG=/tmp/app.log SLOW_QUERY_MS=10: the app's slow-command log, per backend.
    const file = fs.createWriteStream(`${process.env.BENCH_APP_LOG}.${kind}`);
    app.child.stdout.pipe(file);
    app.child.stderr.pipe(file);
  }
  const appBase = `http://127.0.0.1:${appPort}`;
  await waitFor(
    'l’application',
    app,
    async () => (await fetch(`${appBase}/api/v1/health`, { signal: AbortSignal.timeout(2000) })).status === 200,
    120000,
  );
  const baseline = spawnNode(`baseline ${kind}`, [BASELINE], {
    ...process.env,
    MONGODB_URI: engine.uri,
    MONGODB_DB: dbName,
    REDIS_URL: shared.redisUrl,
    REDIS_PREFIX: prefix,
    PORT: '0',
  });
  let basePort = null;
  baseline.child.stdout.on('data', (d) => {
    basePort ??= Number(/BASELINE_LISTENING port=(\d+)/.exec(String(d))?.[1]) || null;
  });
  await waitFor('le serveur de référence', baseline, async () => basePort !== null);
  const baseBase = `http://127.0.0.1:${basePort}`;
  log(`${engine.label} : app ${appBase}, référence ${baseBase}`);

  const { accessToken: adminToken } = await api(appBase, 'POST', '/api/v1/auth/login', {
    body: { email: adminEmail, password },
  });
  const now = Date.now();
  const mk = async (nom, statut) => {
    const { hackathon } = await api(appBase, 'POST', '/api/v1/hackathons', {
      token: adminToken,
      expect: [201],
      body: {
        nom,
        description: 'Hackathon du banc de mesure',
        objectifs: 'Mesurer',
        dates: { debut: new Date(now - 3600_000).toISOString(), fin: new Date(now + 86400_000).toISOString() },
        anonymatActif: false,
        quotas: { promptsParEtudiant: 10000, tokensParEtudiant: 10000000 },
        taches: ['Génération de code Python', 'Rédaction technique assistée', 'Résumé de document'],
      },
    });
    if (statut)
      await api(appBase, 'POST', `/api/v1/hackathons/${hackathon.id}/status`, { token: adminToken, body: { statut } });
    return hackathon;
  };
  const hackathons = { h1: await mk(`Bench ${ts}`, 'En cours'), h2: await mk('Bench H2'), h3: await mk('Bench H3') };

  // Users in bulk; the hot students sign in through the API (their tokens drive the load).
  const passwordHash = await bcrypt.hash(password, 4);
  const people = await seedUsers(db, { users: cfg.users, passwordHash });
  // Four sign-ins at a time: on SQLite each one scans the users, and 100 at once outlast any timeout.
  const hot = [];
  const toSignIn = people.students.slice(0, HOT_STUDENTS);
  for (let i = 0; i < toSignIn.length; i += 4) {
    const batch = await Promise.all(
      toSignIn.slice(i, i + 4).map(async (u) => {
        const { accessToken } = await api(appBase, 'POST', '/api/v1/auth/login', {
          body: { email: u.email, password },
          timeoutMs: 60_000,
        });
        return { ...u, token: accessToken };
      }),
    );
    hot.push(...batch);
  }
  const seedState = { count: 0, evaluations: 0 };
  const readers = hot.slice(0, 50);
  const headersOf = (i) => ({ authorization: `Bearer ${readers[i % readers.length].token}` });
  const baseHeadersOf = (i) => ({ 'x-user-id': readers[i % readers.length].id });
  const targets = {
    me: [
      { url: `${appBase}/api/v1/auth/me`, headersFor: headersOf },
      { url: `${baseBase}/me`, headersFor: baseHeadersOf },
    ],
    active: [
      { url: `${appBase}/api/v1/hackathons/active`, headersFor: headersOf },
      { url: `${baseBase}/active`, headersFor: baseHeadersOf },
    ],
    mine: [
      { url: `${appBase}/api/v1/conversations/mine`, headersFor: headersOf },
      { url: `${baseBase}/mine`, headersFor: baseHeadersOf },
    ],
  };

  const redis = new Redis(shared.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const closeRedis = onCleanup(() => redis.disconnect());
  setCpuSources([
    pidSource('app', app.child.pid),
    pidSource('baseline', baseline.child.pid),
    pidSource('fake llm', shared.fakePid),
    ...(engine.pid ? [pidSource('ferretdb', engine.pid)] : []),
    ...(engine.pg ? [postgresSource(engine.pg, engine.database)] : []),
    redisSource(redis),
  ]);
  const memory = [
    { name: 'App (NestJS)', pid: app.child.pid, idle: memoryOf(app.child.pid) },
    { name: 'Baseline (node:http + mongodb)', pid: baseline.child.pid, idle: memoryOf(baseline.child.pid) },
    ...(engine.pid ? [{ name: 'FerretDB', pid: engine.pid, idle: memoryOf(engine.pid) }] : []),
  ];

  const scales = [];
  let sendOrder = null;
  for (const target of cfg.scales) {
    const s0 = performance.now();
    const open = await seedConversations(db, {
      target,
      state: seedState,
      students: people.students,
      examiners: people.examiners,
      hackathons,
    });
    if (open) {
      const tokenOf = new Map(hot.map((u) => [u.id, u.token]));
      // Interleaved: consecutive sends hit different students and conversations.
      const byStudent = new Map();
      for (const c of open) byStudent.set(c.studentId, [...(byStudent.get(c.studentId) ?? []), c]);
      sendOrder = [];
      const lists = [...byStudent.values()];
      for (let k = 0; k < Math.max(...lists.map((l) => l.length)); k++)
        for (const l of lists) if (l[k]) sendOrder.push({ ...l[k], token: tokenOf.get(l[k].studentId) });
    }
    if (engine.pg) await engine.pg.query('ANALYZE');
    const seedS = (performance.now() - s0) / 1000;
    log(`${kind} : ${seedState.count} conversations, ${seedState.evaluations} évaluations (${seedS.toFixed(1)} s)`);
    // Sanity: both sides answer the same list for the same student.
    // SQLite at 10 000 conversations: seconds per list.
    const a = await api(appBase, 'GET', '/api/v1/conversations/mine', { token: readers[0].token, timeoutMs: 120000 });
    const b = await api(baseBase, 'GET', '/mine', { headers: { 'x-user-id': readers[0].id }, timeoutMs: 120000 });
    if (a.total !== b.total || a.items.some((c) => 'messages' in c)) {
      throw new HarnessError(`contrôle /mine : app ${a.total}, référence ${b.total}`);
    }
    const ctx = { appBase, baseBase, adminToken, hackathons, sendOrder, prefix, redis };
    const sc = { conversations: seedState.count, evaluations: seedState.evaluations, seedS, loadBefore: loadavg() };
    sc.me = await readPair(cfg, '`GET /auth/me`', ...targets.me);
    sc.active = await readPair(cfg, '`GET /hackathons/active`', ...targets.active);
    sc.mine = await readPair(cfg, '`GET /conversations/mine`', ...targets.mine);
    sc.send = await sending(cfg, ctx);
    sc.dashboard = await dashboard(ctx);
    sc.loadAfter = loadavg();
    scales.push(sc);
  }
  for (const m of memory) m.after = memoryOf(m.pid);
  for (const entry of [app, baseline]) {
    if (entry.child.exitCode !== null || entry.child.signalCode !== null)
      throw new HarnessError(`${entry.name} s'est arrêté pendant la mesure : ${entry.tail()}`);
  }
  await stopChildren((e) => e === app || e === baseline);
  await runCleanupStep(closeRedis);
  await mongo
    .db(dbName)
    .dropDatabase()
    .catch(() => undefined);
  await runCleanupStep(closeMongo);
  await engine.stop?.();
  return { kind, engine: engine.label, scales, memory, loadBefore, loadAfter: loadavg() };
}

// ---------------------------------------------------------------------------------------------
// Report

const f0 = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
const pct = (n) => (Number.isFinite(n) ? `${(n * 100).toFixed(0)} %` : 'n/a');
const pass = (ok) => (ok ? '**PASS**' : '**FAIL**');

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const clean = (r) => r && r.errors === 0 && r.non2xx === 0;

function cpuMs(r) {
  const total = CPU_COLUMNS.filter((c) => c !== 'load generator').reduce(
    (sum, c) => sum + (Number.isFinite(r.cpu[c]) ? r.cpu[c] : 0),
    0,
  );
  return (total * 1000) / r.responses;
}

function readBudgetRows(cfg, sc) {
  const rows = [];
  for (const key of ['me', 'active', 'mine']) {
    const m = sc[key];
    if (m.slow) {
      rows.push([
        `${m.name} throughput vs baseline`,
        `≥ ${pct(BUDGET.minThroughputRatio)}`,
        `${pct(m.ratio)} (${f1(m.app.okRps)} / ${f1(m.base.okRps)} req/s over ${m.slow.amount} requests, 2 connections: ${f0(m.probeMs)} ms per request)`,
        pass(m.ratio >= BUDGET.minThroughputRatio && clean(m.app)),
      ]);
      rows.push([
        `${m.name} p99 at ${cfg.rate} req/s`,
        `< ${BUDGET.maxP99Ms} ms`,
        `not measured: one request costs ${f0(m.probeMs)} ms (p50 ${f0(m.app.p50)} ms over ${m.slow.amount})`,
        '**FAIL**',
      ]);
      continue;
    }
    rows.push([
      `${m.name} throughput vs baseline`,
      `≥ ${pct(BUDGET.minThroughputRatio)}`,
      `${pct(m.ratio)} (${f0(m.app.okRps)} / ${f0(m.base.okRps)} req/s; rounds ${m.roundRatios.map(pct).join(', ')})`,
      pass(m.ratio >= BUDGET.minThroughputRatio && clean(m.app) && clean(m.base)),
    ]);
    rows.push(
      m.capacityOnly
        ? [
            `${m.name} p99 at ${cfg.rate} req/s`,
            `< ${BUDGET.maxP99Ms} ms`,
            `not measured: the app serves at most ${f0(m.app.okRps)} req/s here (p50 ${f1(m.app.p50)} ms at ${m.app.connections} connections)`,
            '**FAIL**',
          ]
        : [
            `${m.name} p99 at ${cfg.rate} req/s`,
            `< ${BUDGET.maxP99Ms} ms`,
            `${f1(m.fixed.p99)} ms (p50 ${f1(m.fixed.p50)} ms; reached ${f0(m.fixed.okRps)} req/s)`,
            pass(m.fixed.p99 < BUDGET.maxP99Ms && clean(m.fixed) && m.fixed.okRps >= BUDGET.minRateReached * cfg.rate),
          ],
    );
  }
  const s = sc.send;
  rows.push([
    `\`POST /conversations/:id/messages\` → 202 p99 at ${cfg.sendRate} sends/s`,
    `< ${BUDGET.maxP99Ms} ms`,
    s.slow
      ? `not measured at the rate: one send costs ${f0(s.probeMs)} ms alone; ${s.slow.amount ? `${s.slow.amount} sends` : `${f0(s.app.responses)} sends in ${f1(s.slow.seconds)} s`} over ${s.slow.connections} connections: ${f1(s.app.okRps)}/s, p50 ${f0(s.app.p50)} ms, p99 ${f0(s.app.p99)} ms`
      : `${f1(s.app.p99)} ms (p50 ${f1(s.app.p50)} ms; ${f0(s.jobs.accepted)} × 202 at ${f0(s.app.okRps)}/s${clean(s.app) ? '' : `; codes ${JSON.stringify(s.app.statusCodes)}, ${s.app.errors} errors`}; baseline insert + LPUSH p99 ${f1(s.base.p99)} ms)`,
    pass(!s.slow && s.app.p99 < BUDGET.maxP99Ms && clean(s.app) && s.app.okRps >= BUDGET.minRateReached * cfg.sendRate),
  ]);
  rows.push([
    `AI jobs completed per second (first send → last completion${s.slow ? '; bounded by the sends offered' : ''})`,
    `≥ ${BUDGET.minJobsPerS} jobs/s`,
    `${f0(s.jobs.perS)} jobs/s (${f0(s.jobs.completed)}/${f0(s.jobs.accepted)} in ${f1(s.jobs.spanS)} s${s.jobs.failed ? `, ${s.jobs.failed} failed` : ''}; enqueue → done p50 ${f0(s.jobs.e2eP50)} ms, p99 ${f0(s.jobs.e2eP99)} ms${s.jobs.timedOut ? '; **queue not drained in time**' : ''})`,
    pass(
      !s.jobs.timedOut && !s.jobs.failed && s.jobs.completed >= s.jobs.accepted && s.jobs.perS >= BUDGET.minJobsPerS,
    ),
  ]);
  const d = sc.dashboard;
  rows.push([
    `Dashboard of a hackathon with ${DASHBOARD_STUDENTS} students`,
    `< ${BUDGET.maxDashboardMs} ms`,
    d.present
      ? `p50 ${f0(d.rows[0].p50)} ms, max ${f0(d.rows[0].max)} ms over ${d.rows[0].n} requests`
      : `not in this code (\`GET /hackathons/:id/dashboard\` → ${d.status}); stand-ins: ${d.rows.map((r) => `${r.label} p50 ${f0(r.p50)} ms`).join(', ')}`,
    d.present ? pass(d.rows[0].max < BUDGET.maxDashboardMs) : '**n/a**',
  ]);
  return rows;
}

function growthRows(b) {
  if (b.scales.length < 2) return [];
  const [lo, hi] = [b.scales[0], b.scales[b.scales.length - 1]];
  const rows = [];
  for (const key of ['me', 'active', 'mine']) {
    const [a, z] = [lo[key], hi[key]];
    const g = cpuMs(z.app) / cpuMs(a.app);
    rows.push([
      `${a.name}`,
      `${f1(a.app.okRps)} → ${f1(z.app.okRps)} req/s${a.slow || z.slow ? ' (reduced measure)' : ''}`,
      `${f2(cpuMs(a.app))} → ${f2(cpuMs(z.app))} ms`,
      `${f2(g)}x`,
      pass(g < BUDGET.maxGrowth),
    ]);
  }
  const [a, z] = [lo.send, hi.send];
  const g = cpuMs(z.app) / cpuMs(a.app);
  rows.push([
    'sends (202)',
    `p99 ${f1(a.app.p99)} → ${f1(z.app.p99)} ms${a.slow || z.slow ? ' (reduced measure)' : ''}`,
    `${f2(cpuMs(a.app))} → ${f2(cpuMs(z.app))} ms`,
    `${f2(g)}x`,
    pass(g < BUDGET.maxGrowth),
  ]);
  const gj = a.jobs.perS / z.jobs.perS;
  rows.push([
    'AI jobs',
    `${f0(a.jobs.perS)} → ${f0(z.jobs.perS)} jobs/s`,
    `${f2(cpuMs(a.drain))} → ${f2(cpuMs(z.drain))} ms (drain, per job)`,
    `${f2(gj)}x`,
    pass(gj < BUDGET.maxGrowth),
  ]);
  return rows;
}

function resultRows(sc) {
  const rows = [];
  for (const key of ['me', 'active', 'mine']) {
    const m = sc[key];
    rows.push(m.app, m.base);
    if (m.fixed) rows.push(m.fixed);
  }
  rows.push(sc.send.app, sc.send.base);
  return rows;
}

function cpuTable(results) {
  const cols = CPU_COLUMNS.filter((c) => results.some((r) => Number.isFinite(r.cpu[c]) && r.cpu[c] > 0));
  return table(
    ['Scenario', ...cols.map((c) => `${c} ms`), 'total ms', 'cores busy (ours)', 'other work (cores)'],
    results.map((r) => {
      const per = (c) => (r.cpu[c] * 1000) / r.responses;
      const total = cols.reduce((sum, c) => sum + (Number.isFinite(r.cpu[c]) ? r.cpu[c] : 0), 0);
      return [
        r.name,
        ...cols.map((c) => f2(per(c))),
        f2((total * 1000) / r.responses),
        f2(total / r.wall),
        f2(r.others),
      ];
    }),
  );
}

function markdown(cfg, meta, backends) {
  const sections = backends.map((b) => {
    const perScale = b.scales
      .map((sc) => {
        const results = resultRows(sc);
        const othersMax = Math.max(0, ...results.map((r) => r.others).filter(Number.isFinite));
        return `#### ${f0(sc.conversations)} conversations (${f0(sc.evaluations)} evaluations; seeded in ${f1(sc.seedS)} s; load ${sc.loadBefore} → ${sc.loadAfter})

${othersMax > BUDGET.maxOtherCores ? `> Other work on the machine used up to ${f2(othersMax)} core(s) during these scenarios: absolute figures are pessimistic.\n\n` : ''}${table(['Budget (docs/architecture.md)', 'Target', 'Measured', 'Result'], readBudgetRows(cfg, sc))}

${table(
  ['Scenario', 'Target', 'Conn.', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'Responses', 'Errors', 'Non-2xx'],
  results.map((r) => [
    r.name,
    r.target,
    r.connections,
    f1(r.rps),
    f1(r.p50),
    f1(r.p99),
    f1(r.max),
    f0(r.responses),
    f0(r.errors),
    f0(r.non2xx),
  ]),
)}

CPU per response (ms) and where it goes:

${cpuTable([...results, sc.send.drain])}
${sc.dashboard.rows.length ? `\nDashboard requests (admin): ${sc.dashboard.rows.map((r) => `\`${r.url}\` ${r.status}, p50 ${f0(r.p50)} ms, max ${f0(r.max)} ms (${r.n})`).join('; ')}.\n` : ''}`;
      })
      .join('\n');
    const growth = growthRows(b);
    return `### ${b.engine}

Load average (1 / 5 / 15 min): ${b.loadBefore} before, ${b.loadAfter} after.

${perScale}
${
  growth.length
    ? `#### Growth, ${f0(b.scales[0].conversations)} → ${f0(b.scales.at(-1).conversations)} conversations (budget < ${BUDGET.maxGrowth}x)

The growth figure is the CPU time of every process involved (app, FerretDB, PostgreSQL, Redis) per request at ${f0(b.scales.at(-1).conversations)} over the same at ${f0(b.scales[0].conversations)} (AI jobs: jobs/s at ${f0(b.scales[0].conversations)} over jobs/s at ${f0(b.scales.at(-1).conversations)}); on a 2-core machine kept busy, throughput is its inverse, with less noise from other work:

${table(['Path', 'App, measured', 'CPU per request (all processes)', 'Growth', 'Result'], growth)}
`
    : ''
}
Memory: ${b.memory.map((m) => `${m.name} ${f0(m.idle.rssMb)} MB idle → ${f0(m.after.rssMb)} MB (peak ${f0(m.after.peakMb)} MB)`).join('; ')}.
`;
  });
  return `# Benchmarks

Generated by \`npm run bench\` (\`tools/bench/run.mjs\`); this file is rewritten by every run, but for its
"Class simulation" and "Automatic checks" sections (\`npm run bench:class\`, \`npm run bench:checks\`), kept as they are.

## Method

docs/architecture.md's "Performance budgets", at the seed's scale, on each backend of the embedded engine,
as ratios against a bare server measured side by side in the same run, and as growth from
1 000 to 10 000 conversations.

- **Data**, seeded in bulk through the \`mongodb\` driver (\`tools/bench/seed.mjs\`, not through
  HTTP): ${f0(cfg.users)} users (4 % examiners), 3 hackathons (one running), conversations of ~8 KB
  (8 embedded messages), one evaluation per submitted conversation (half of them), two usage-ledger
  rows per conversation. First ${f0(cfg.scales[0])} conversations, measured, then up to
  ${f0(cfg.scales.at(-1))}, measured again. The ${HOT_STUDENTS} students whose tokens drive the load
  have 10 conversations each at both scales: the growth figures show what the other documents cost
  them. On PostgreSQL the harness runs \`ANALYZE\` after each load, as autovacuum would within a minute.
- **App**: \`dist/src/main.js\` (\`APP_ROLE=all\`, \`NODE_ENV=production\`, \`LOG_LEVEL=warn\`, rate
  limits out of the way, the fake LLM at 0 ms), with the engine indexes it creates at start
  (\`libs/database/engine-indexes.ts\`). **Baseline**: \`tools/bench/baseline-server.mjs\`, bare
  \`node:http\` + \`mongodb\` (same pool size), doing the same database work per request: \`/me\` the
  auth lookup and the profile by \`_id\`; \`/active\` the auth lookup and the running hackathons
  cached 30 s in Redis; \`/mine\` the auth lookup, then \`find({studentId, archived: {$ne: true}},
  {messages: 0}).sort({updatedAt: -1, _id: -1}).limit(20)\` + \`countDocuments\`; \`/send\` (floor only,
  not the same work) the auth lookup, one \`insertOne\` and one Redis \`LPUSH\`.
- **Hot reads**: ${cfg.connections} connections over 50 signed-in students; ${cfg.warmupS} s warm-up per side,
  then ${cfg.rounds} rounds of ${cfg.roundS} s per side, app and baseline alternating; then the app at a fixed
  ${cfg.rate} req/s for ${cfg.rateS} s (10 autocannon instances 100 ms apart; p99 from every 2xx).
  **Slow endpoints** (> ${cfg.slowMs} ms per request on a probe) get ${cfg.slowRequests} requests or fewer per side over
  2 connections instead, and no fixed-rate run: their p99 budget is reported as not met.
- **Sends**: ${cfg.sendRate} sends/s for ${cfg.sendS} s over the hot students' open conversations; the app's own
  workers drain the \`ai\` queue (jobs/s = completed / (last \`finishedOn\` − first send)).
- **Dashboard**: \`GET /hackathons/:id/dashboard\` (docs/api.md 1.1) of the running hackathon, whose
  ${DASHBOARD_STUDENTS} students have conversations in it; 8 sequential requests.
- **CPU**: per process from \`/proc/<pid>/stat\` (PostgreSQL: the server processes serving the bench
  database, from \`pg_stat_activity\`; Redis from \`INFO cpu\`); "other work" is the machine's busy time
  minus ours: a run is clean when it stays near 0.

## Last run

- Date: ${meta.date}; ${meta.code}
- Node ${meta.node}; ${meta.cpu} (${meta.cores} cores), ${meta.memGb} GB RAM; Redis ${meta.redisVersion}; autocannon ${meta.autocannon}
- Load average (1 / 5 / 15 min): ${meta.loadBefore} at the start, ${meta.loadEnd} at the end; whole run ${f0(meta.totalS)} s

${sections.join('\n')}
## Running it

\`\`\`sh
npm run bench                                  # both backends when PostgreSQL answers, else SQLite
BENCH_BACKENDS=postgresql npm run bench        # one backend
BENCH_SCALES=1000 npm run bench                # one scale (no growth figures)
MONGODB_URI=mongodb://… npm run bench          # a real MongoDB instead
\`\`\`

Run \`npm run build\` first (or \`BENCH_REBUILD=1\`) so the numbers are for the current code. Each
backend gets its own database (\`pc_bench_<ts>\`, a PostgreSQL database of that name too) and Redis
prefix, removed at the end. Knobs are listed at the top of \`tools/bench/run.mjs\`.
`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const cfg = config();
  const started = performance.now();
  const loadBefore = loadavg();
  const outFile = path.resolve(ROOT, process.env.BENCH_OUT || 'docs/benchmarks.md');
  if (process.env.BENCH_REBUILD === '1' || ![APP_MAIN, CREATE_ADMIN, FAKE_LLM].every((f) => fs.existsSync(f))) {
    log('construction (npx nest build)…');
    await run('nest build', 'npx', ['nest', 'build'], { inherit: true });
  }
  const distAt = fs.statSync(APP_MAIN).mtime.toISOString();

  let kinds;
  if (process.env.BENCH_BACKENDS) kinds = process.env.BENCH_BACKENDS.split(',').map((s) => s.trim());
  else if (process.env.MONGODB_URI) kinds = ['external'];
  else
    kinds = (await services.postgresAnswers(process.env.FERRETDB_POSTGRESQL_URL || services.DEFAULT_POSTGRESQL_URL))
      ? ['postgresql', 'sqlite']
      : ['sqlite'];
  for (const k of kinds)
    if (!['postgresql', 'sqlite', 'external'].includes(k)) throw new HarnessError(`BENCH_BACKENDS : ${k} inconnu`);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-bench-'));
  onCleanup(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const redisHandle = await services.ensureRedis(redisUrl, { log });
  if (redisHandle) onCleanup(() => redisHandle.stop());
  const redisVersion = await (async () => {
    const r = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await r.connect();
    try {
      return /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? '?';
    } finally {
      r.disconnect();
    }
  })();
  const fakeLlm = spawnNode('fake llm', [FAKE_LLM, '--port', '0', '--latency', '0', '--chunk-delay', '0'], process.env);
  let fakeUrl = null;
  fakeLlm.child.stdout.on('data', (d) => {
    fakeUrl ??= /FAKE_LLM_URL=(\S+)/.exec(String(d))?.[1] ?? null;
  });
  await waitFor('le faux serveur LLM', fakeLlm, async () => fakeUrl !== null);
  const shared = { redisUrl, workDir, fakeUrl, fakePid: fakeLlm.child.pid };

  const backends = [];
  const meta = {
    date: '',
    code: '',
    node: process.version,
    cpu: os.cpus()[0]?.model?.trim() ?? '?',
    cores: os.cpus().length,
    memGb: Math.round(os.totalmem() / 2 ** 30),
    redisVersion,
    autocannon: require('autocannon/package.json').version,
    loadBefore,
  };
  // The sections of the class simulation and of the checks (npm run bench:class, bench:checks) are not this run's: kept as they are.
  const previous = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
  const classSection = KEPT_SECTIONS.map((heading) => sectionBoundsOf(previous, heading))
    .filter(Boolean)
    .map(([from, to]) => `\n${previous.slice(from, to).trimEnd()}\n`)
    .join('');
  const write = () => {
    meta.date = new Date().toISOString();
    meta.loadEnd = loadavg();
    meta.totalS = (performance.now() - started) / 1000;
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, markdown(cfg, meta, backends) + classSection);
  };
  const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']).stdout?.trim();
  const dirty = git(['status', '--porcelain', '--', 'src', 'libs', 'config']).stdout?.trim();
  meta.code = `code: ${head ? `commit ${head}${dirty ? ' with uncommitted changes in src/libs/config' : ''}` : 'not a git checkout'}, dist built ${distAt}`;
  for (const kind of kinds) {
    backends.push(await benchBackend(kind, cfg, shared));
    write(); // a later backend that fails or times out still leaves these results
  }

  const md = fs.readFileSync(outFile, 'utf8');
  process.stdout.write(`${md}\nécrit : ${path.relative(ROOT, outFile)}\n`);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal} : arrêt et nettoyage…`);
    cleanup().finally(() => process.exit(130));
  });
}
const timeoutS = (() => {
  try {
    return intEnv('BENCH_TIMEOUT_S', 900);
  } catch {
    return 900;
  }
})();
const watchdog = setTimeout(() => {
  log(`délai de ${timeoutS} s dépassé : arrêt et nettoyage…`);
  cleanup().finally(() => process.exit(1));
}, timeoutS * 1000);
watchdog.unref();

let exitCode = 0;
try {
  await main();
} catch (err) {
  exitCode = 1;
  log(`échec du banc : ${err instanceof HarnessError ? err.message : (err?.stack ?? err)}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
