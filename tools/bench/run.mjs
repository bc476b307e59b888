// `npm run bench`: measures the hot read path against a bare baseline, side by side, in one run,
// and writes docs/benchmarks.md (DESIGN.md, "Performance budgets").
//
//   1. builds dist/ when missing (`npx nest build`; BENCH_REBUILD=1 forces it);
//   2. starts FerretDB on a fresh temp data folder (or uses MONGODB_URI) and makes sure Redis
//      answers on REDIS_URL (starts a redis-server only when nothing does);
//   3. starts the app (dist/src/main.js, APP_ROLE=all) and the baseline
//      (tools/bench/baseline-server.mjs) as two child processes on the same database
//      `pc_bench_<ts>` (Redis prefix `pcbench:<ts>`);
//   4. creates an admin (the create-admin command) and BENCH_USERS students through the API,
//      signs BENCH_SIGNED_IN of them in;
//   5. measures with autocannon: /auth/me vs baseline at full speed (closed loop), /auth/me
//      and the baseline at a fixed BENCH_RATE req/s (p99), /health for information;
//   6. writes docs/benchmarks.md, prints the tables, and stops everything it started, drops
//      the bench database and deletes the run's Redis keys — also on failure or Ctrl-C.
//
// It reports, it does not gate: exit 0 even when a budget is missed, non-zero only when the
// harness itself fails (a service does not start, a sanity check fails, ...).
//
// Knobs (env): BENCH_DURATION_S (10, measured seconds per side, split over the rounds),
// BENCH_ROUNDS (4, app and baseline alternate), BENCH_WARMUP_S (3), BENCH_CONNECTIONS (50),
// BENCH_RATE (300), BENCH_USERS (300), BENCH_SIGNED_IN (50), BENCH_TIMEOUT_S (420),
// BENCH_OUT (docs/benchmarks.md), BENCH_APP_NODE_ARGS (extra node flags for the app, e.g. to
// profile it), BENCH_CODE_LABEL (what code is measured, when not run from a git checkout),
// MONGODB_URI, REDIS_URL, BENCH_REBUILD.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
const services = require('../local-services.js');
const autocannon = require('autocannon');
const { MongoClient } = require('mongodb');
const Redis = require('ioredis');

const ROOT = services.ROOT;
const APP_MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
const CREATE_ADMIN = path.join(ROOT, 'dist', 'src', 'identity', 'create-admin', 'create-admin.command.js');
const BASELINE = path.join(ROOT, 'tools', 'bench', 'baseline-server.mjs');
const FAKE_LLM = path.join(ROOT, 'dist', 'test', 'support', 'fake-llm', 'fake-llm.main.js');

function intEnv(name, fallback, min = 1) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new HarnessError(`${name} doit être un entier ≥ ${min} (reçu ${raw})`);
  return n;
}

class HarnessError extends Error {}

const BUDGET = { minThroughputRatio: 0.6, maxP99Ms: 50, minRateReached: 0.95, maxOtherCores: 0.25, minJobsPerS: 200 };

const log = (m) => process.stderr.write(`[bench] ${m}\n`);

// ---------------------------------------------------------------------------------------------
// Everything started here, so that cleanup() can undo it whatever happened.
const state = {
  children: [], // { name, child }
  ferret: null,
  redisHandle: null,
  dataDir: null,
  workDir: null,
  mongo: null,
  dbName: null,
  redisUrl: null,
  prefix: null,
};

let cleanupPromise = null;
function cleanup() {
  cleanupPromise ??= (async () => {
    redisForCpu?.disconnect();
    for (const { name, child } of [...state.children].reverse()) {
      await services.stopChild(child, 8000).catch((e) => log(`arrêt de ${name} : ${e.message}`));
    }
    if (state.mongo && state.dbName) {
      try {
        await state.mongo.db(state.dbName).dropDatabase();
        log(`base ${state.dbName} supprimée`);
      } catch (e) {
        log(`suppression de la base ${state.dbName} impossible : ${e.message}`);
      }
    }
    await state.mongo?.close().catch(() => {});
    if (state.redisUrl && state.prefix) {
      const redis = new Redis(state.redisUrl, {
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
      });
      try {
        await redis.connect();
        let deleted = 0;
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${state.prefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) deleted += await redis.unlink(...keys);
        } while (cursor !== '0');
        log(`${deleted} clés Redis ${state.prefix}:* supprimées`);
      } catch (e) {
        log(`nettoyage Redis impossible : ${e.message}`);
      } finally {
        redis.disconnect();
      }
    }
    if (state.ferret) await state.ferret.stop().catch(() => {});
    if (state.redisHandle) await state.redisHandle.stop().catch(() => {});
    for (const dir of [state.dataDir, state.workDir]) {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  })();
  return cleanupPromise;
}

// ---------------------------------------------------------------------------------------------
// Processes

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Spawns `node <args>`, keeps the tail of its output for error messages, registers it for cleanup. */
function spawnNode(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (d) => {
    tail += d;
    if (tail.length > 8000) tail = tail.slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const entry = { name, child, tail: () => tail.trim() };
  state.children.push(entry);
  return entry;
}

function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? child.signalCode);
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
}

async function run(name, cmd, args, { env = process.env, timeoutMs = 300000, inherit = false } = {}) {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env,
    stdio: inherit ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  const entry = { name, child };
  state.children.push(entry);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited(child);
  clearTimeout(timer);
  state.children.splice(state.children.indexOf(entry), 1);
  if (code !== 0) throw new HarnessError(`${name} a échoué (${code}) : ${out.trim().slice(-2000)}`);
  return out;
}

async function waitFor(what, entry, probe, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (entry.child.exitCode !== null || entry.child.signalCode !== null) {
      throw new HarnessError(`${what} s'est arrêté au démarrage : ${entry.tail()}`);
    }
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new HarnessError(`${what} ne répond pas après ${timeoutMs / 1000} s : ${entry.tail()}`);
}

function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
    const kb = Number(r.stdout.trim());
    return { rssMb: Number.isFinite(kb) && kb > 0 ? kb / 1024 : NaN, peakMb: NaN };
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers (setup only; the load comes from autocannon)

async function api(base, method, url, { body, token, headers = {}, expect = [200] } = {}) {
  const res = await fetch(base + url, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15000),
  });
  const text = await res.text();
  if (!expect.includes(res.status)) throw new HarnessError(`${method} ${url} → ${res.status} : ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

async function inBatches(items, width, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Load

/** Accumulates every response of one scenario (possibly over several autocannon instances). */
function newSink() {
  return {
    latencies: [],
    responses: 0,
    ok: 0,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    seconds: 0,
    statusCodes: {},
    cpu: {},
  };
}

// CPU time of each process while a scenario runs, to see where a request's cost goes.
const cpuWatch = []; // { name, pid }
let redisForCpu = null;

function cpuSecondsOf(pid) {
  try {
    // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
function machineBusySeconds() {
  try {
    const [, ...v] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal
    return (v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / 100;
  } catch {
    return NaN;
  }
}

async function cpuSnapshot() {
  const snap = { machine: machineBusySeconds() };
  for (const { name, pid } of cpuWatch) snap[name] = cpuSecondsOf(pid);
  const self = process.cpuUsage();
  snap['load generator'] = (self.user + self.system) / 1e6;
  if (redisForCpu) {
    try {
      const info = await redisForCpu.info('cpu');
      const v = (k) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1]);
      snap.redis = v('used_cpu_user') + v('used_cpu_sys');
    } catch {
      snap.redis = NaN;
    }
  }
  return snap;
}

async function withCpu(sink, fn) {
  const before = await cpuSnapshot();
  const started = performance.now();
  await fn();
  const after = await cpuSnapshot();
  sink.wall = (sink.wall ?? 0) + (performance.now() - started) / 1000;
  for (const k of Object.keys(after)) sink.cpu[k] = (sink.cpu[k] ?? 0) + (after[k] - before[k]);
}

/** Cores used on average by processes this run did not start (other work on the machine). */
function otherCores(sink) {
  const ours = ['app', 'baseline', 'ferretdb', 'redis', 'fake llm', 'load generator'].reduce(
    (sum, k) => sum + (Number.isFinite(sink.cpu[k]) ? sink.cpu[k] : 0),
    0,
  );
  return Math.max(0, (sink.cpu.machine - ours) / sink.wall);
}

/**
 * One autocannon run. Latencies are taken from every 2xx response (float ms) rather than from
 * autocannon's histogram: with a fixed rate autocannon 8 "corrects" coordinated omission with a
 * 1 ms expected interval, which pads the histogram with short fake samples and lowers p99.
 */
async function cannon({ url, connections, durationS, overallRate, headersFor, requests, sink }) {
  let clientNo = 0;
  const instance = autocannon({
    url,
    connections,
    duration: durationS,
    ...(overallRate ? { overallRate, ignoreCoordinatedOmission: true } : {}),
    timeout: 10,
    ...(requests ? { requests } : { setupClient: (client) => client.setHeaders(headersFor(clientNo++)) }),
  });
  if (sink) {
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      sink.responses++;
      sink.statusCodes[statusCode] = (sink.statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) {
        sink.ok++;
        sink.latencies.push(responseTime);
      } else sink.non2xx++;
    });
  }
  const result = await instance;
  if (sink) {
    sink.errors += result.errors;
    sink.timeouts += result.timeouts;
  }
  return result;
}

/** Closed loop: `connections` clients send back to back for `durationS`. */
async function fullSpeed(target, { connections, durationS, sink }) {
  await withCpu(sink, async () => {
    const result = await cannon({ ...target, connections, durationS, sink });
    sink.seconds += result.duration;
  });
}

/**
 * Fixed rate. autocannon's overallRate lets each connection send its share back to back at the
 * start of every second, i.e. one burst per second. To approach a steady arrival rate the load
 * is split into `slices` autocannon instances (overallRate rate/slices each) started 1/slices s
 * apart: bursts of `connections/slices` requests every 1000/slices ms.
 */
async function fixedRate(target, { rate, connections, durationS, slices = 10, sink }) {
  const started = performance.now();
  const perSlice = Math.max(1, Math.round(rate / slices));
  const perSliceConnections = Math.max(1, Math.round(connections / slices));
  await withCpu(sink, () =>
    Promise.all(
      Array.from({ length: slices }, async (_, i) => {
        await sleep((i * 1000) / slices);
        await cannon({ ...target, connections: perSliceConnections, durationS, overallRate: perSlice, sink });
      }),
    ),
  );
  // Offered load is perSlice*slices req/s over durationS; the wall time includes the stagger.
  sink.seconds += durationS;
  sink.offered = perSlice * slices;
  sink.wallSeconds = (performance.now() - started) / 1000;
}

function percentile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function summarize(name, sink, extra = {}) {
  const sorted = Float64Array.from(sink.latencies).sort();
  return {
    name,
    ...extra,
    rps: sink.seconds ? sink.responses / sink.seconds : NaN,
    okRps: sink.seconds ? sink.ok / sink.seconds : NaN,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    responses: sink.responses,
    errors: sink.errors,
    timeouts: sink.timeouts,
    non2xx: sink.non2xx,
    statusCodes: sink.statusCodes,
    offered: sink.offered,
    cpu: sink.cpu,
    seconds: sink.seconds,
    wall: sink.wall,
    others: otherCores(sink),
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const f0 = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
const pct = (n) => (Number.isFinite(n) ? `${(n * 100).toFixed(0)} %` : 'n/a');

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function scenarioTable(results) {
  return table(
    ['Scenario', 'Target', 'Conn.', 'req/s (mean)', 'p50 ms', 'p99 ms', 'max ms', 'Responses', 'Errors', 'Non-2xx'],
    results.map((r) => [
      r.name,
      r.target,
      r.connections,
      f0(r.rps),
      f1(r.p50),
      f1(r.p99),
      f1(r.max),
      f0(r.responses),
      f0(r.errors),
      f0(r.non2xx),
    ]),
  );
}

const CPU_COLUMNS = ['app', 'baseline', 'ferretdb', 'redis', 'fake llm', 'load generator'];

function cpuTable(results) {
  const cols = CPU_COLUMNS.filter((c) => results.some((r) => Number.isFinite(r.cpu[c])));
  return table(
    ['Scenario', ...cols.map((c) => `${c} ms`), 'total ms', 'cores busy (ours)', 'cores busy (other work)'],
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

function budgetRows(b) {
  return [
    [
      'Hot read throughput, `/auth/me` vs baseline',
      `≥ ${pct(BUDGET.minThroughputRatio)} of baseline`,
      `${pct(b.ratio)} (${f0(b.appRps)} / ${f0(b.baseRps)} req/s; per round ${b.roundRatios.map(pct).join(', ')})`,
      b.throughputPass ? '**PASS**' : '**FAIL**',
    ],
    [
      `p99 of \`/auth/me\` at ${b.rate} req/s`,
      `< ${BUDGET.maxP99Ms} ms`,
      `${f1(b.p99)} ms (rate reached ${f0(b.achieved)} req/s${b.rateErrors ? `, ${b.rateErrors} errors/non-2xx` : ''})`,
      b.latencyPass ? '**PASS**' : '**FAIL**',
    ],
    [
      'Hot read throughput, `/conversations/mine` vs baseline',
      `≥ ${pct(BUDGET.minThroughputRatio)} of baseline`,
      `${pct(b.mine.ratio)} (${f0(b.mine.appRps)} / ${f0(b.mine.baseRps)} req/s; per round ${b.mine.roundRatios.map(pct).join(', ')})`,
      b.mine.throughputPass ? '**PASS**' : '**FAIL**',
    ],
    [
      `p99 of \`/conversations/mine\` at ${b.rate} req/s`,
      `< ${BUDGET.maxP99Ms} ms`,
      `${f1(b.mine.p99)} ms (rate reached ${f0(b.mine.achieved)} req/s${b.mine.rateErrors ? `, ${b.mine.rateErrors} errors/non-2xx` : ''})`,
      b.mine.latencyPass ? '**PASS**' : '**FAIL**',
    ],
    [
      `p99 of \`POST /conversations/:id/messages\` → 202 at ${b.send.rate} sends/s (fake LLM, 0 ms)`,
      `< ${BUDGET.maxP99Ms} ms`,
      `${f1(b.send.p99)} ms (p50 ${f1(b.send.p50)} ms; ${f0(b.send.accepted)} × 202 at ${f0(b.send.achieved)}/s${b.send.bad ? `; ${b.send.bad} errors/non-2xx ${JSON.stringify(b.send.codes)}` : ''}; baseline insert + LPUSH p99 ${f1(b.send.baseP99)} ms)`,
      b.send.latencyPass ? '**PASS**' : '**FAIL**',
    ],
    [
      'AI jobs completed per second by the workers (first send → last completed job)',
      `≥ ${BUDGET.minJobsPerS} jobs/s`,
      `${f0(b.jobs.perS)} jobs/s (${f0(b.jobs.completed)} completed${b.jobs.failed ? `, ${b.jobs.failed} failed` : ''} in ${f1(b.jobs.spanS)} s; ${f0(b.jobs.duringSend)} done during the ${b.send.durationS} s send phase; backlog peak ${f0(b.jobs.peakBacklog)}${b.jobs.timedOut ? '; **queue not drained before the timeout**' : ''})`,
      b.jobs.pass ? '**PASS**' : '**FAIL**',
    ],
  ];
}

function markdown(meta, results, budget, memory, drainResult) {
  const budgetTable = table(['Budget (DESIGN.md)', 'Target', 'Measured', 'Result'], budgetRows(budget));
  const memTable = table(
    ['Process', 'RSS after start (idle)', 'RSS after the run', 'Peak RSS (VmHWM)'],
    memory.map((m) => [m.name, `${f0(m.idle.rssMb)} MB`, `${f0(m.after.rssMb)} MB`, `${f0(m.after.peakMb)} MB`]),
  );
  return `# Benchmarks

Generated by \`npm run bench\` (\`tools/bench/run.mjs\`); this file is overwritten by every run.

## Method

Speed is measured here, never by timed tests (DESIGN.md, "Tests"). Absolute numbers depend on
the machine and on whatever else runs on it, so the budgets are **ratios against a baseline
measured side by side, on the same machine, in the same run**, plus a latency ceiling at a fixed
rate:

- **App**: the built service (\`dist/src/main.js\`, \`APP_ROLE=all\`, \`NODE_ENV=production\`,
  \`LOG_LEVEL=warn\`, per-user rate limit raised out of the way) as its own process.
- **Baseline**: \`tools/bench/baseline-server.mjs\`, a bare \`node:http\` server on the
  \`mongodb\` driver (same pool size), as its own process, doing per request the same database
  work as \`GET /api/v1/auth/me\`: \`users.findOne\` by \`_id\` for the auth lookup, then
  \`users.findOne({_id})\` for the profile (deletion checked in code, as the app does), answered as JSON. No framework,
  no JWT check, no logging, no metrics, no rate limiter: the gap is the app's own cost.
- Both read the same database (${meta.users} students + 1 admin created through the API);
  ${meta.signedIn} students are signed in and the ${meta.connections} connections are spread
  over them (the baseline receives the same user ids in a header).
- **Full speed** (closed loop): ${meta.connections} connections, ${meta.warmupS} s warm-up
  per side, then ${meta.durationS} s measured per side, split over ${meta.rounds} round(s) in which
  app and baseline alternate (so a disturbance on the machine hits both).
- **Fixed rate**: ${meta.rate} req/s for ${meta.durationS} s. autocannon's \`overallRate\` sends
  each connection's share in one burst at the start of every second, so the load is spread over
  10 autocannon instances started 100 ms apart (${meta.rate / 10} req/s and
  ${Math.round(meta.connections / 10)} connections each). Latencies are computed from every
  2xx response (autocannon's coordinated-omission correction is off: with a rate it pads with
  1 ms samples, which would lower p99).
- **\`GET /conversations/mine\`**: same protocol and budgets as \`/auth/me\`, over the same
  ${meta.signedIn} students, each with ${meta.convsPerStudent} conversations in one running hackathon. Baseline \`/mine\`:
  the auth \`users.findOne\` by \`_id\`, then \`conversations.find({studentId, archived: {$ne: true}},
  {messages: 0}).sort({updatedAt: -1, _id: -1}).limit(20)\` + \`countDocuments\` of the same filter.
- **Sending** (\`POST /conversations/:id/messages\` → \`202\`): the app runs with \`AI_FAKE=true\`,
  \`OPENAI_BASE_URL\`/\`MISTRAL_SERVER_URL\` on the fake LLM server the harness starts
  (\`dist/test/support/fake-llm/fake-llm.main.js\`, 0 ms latency, 0 ms between chunks), in one
  hackathon with quotas of 10,000 prompts and 10,000,000 tokens per student. ${meta.sendRate} sends/s for
  ${meta.durationS} s at a fixed rate (same 10-slice spreading as above), round robin over
  ${meta.senders} students × ${meta.convsPerStudent} conversations; latencies of the \`202\`s, non-2xx counted.
  **The baseline for sending is not the same work**: \`POST /send\` on the bare server does the auth
  \`users.findOne\`, one \`insertOne\` into a scratch collection and one Redis \`LPUSH\` — the floor of
  "store it and enqueue it", without the app's quota check, lock, conversation update or BullMQ. It is
  shown for information; the budget is the absolute p99.
- **AI jobs/s**: each \`202\` enqueues one job on the \`ai\` queue, processed by the app's own
  workers (\`APP_ROLE=all\`, default \`AI_WORKER_CONCURRENCY\`). The harness reads the BullMQ keys
  \`<REDIS_PREFIX>:bull:ai:*\` every 250 ms until the queue is empty and every accepted send has
  completed (or failed); jobs/s = completed jobs / (last job's \`finishedOn\` − first send). Only the
  app's send phase feeds the queue.
- \`/health\` (Mongo ping, Redis ping, queue counts) is measured for information only.
- Memory: resident set size of each process read from \`/proc/<pid>/status\`.

## Last run

- Date: ${meta.date}
- Engine: ${meta.engine}; Redis ${meta.redisVersion}
- Node ${meta.node}; ${meta.cpu} (${meta.cores} cores), ${meta.memGb} GB RAM
- Load average (1 / 5 / 15 min): ${meta.loadavg} before start, ${meta.loadavgEnd} at the end (includes this run);
  other work on the machine used at most ${f2(meta.othersMax)} core(s) on average during a budget scenario
- Code: ${meta.code}
- Load generator: autocannon ${meta.autocannon}, in the harness process on the same machine
- Data: ${meta.users} students + 1 admin, ${meta.senders} signed in (the first ${meta.signedIn} for the reads), ${meta.convsPerStudent} conversations each in one running hackathon; ${meta.connections} connections
${
  meta.busyMachine
    ? `
> **The machine was busy with other work during this run** (up to ${f2(meta.othersMax)} core(s) of
> ${meta.cores} used by processes this run did not start, see the last column of "Where the CPU goes"):
> absolute numbers and the fixed-rate p99 are pessimistic, and the ratio is noisier (app and baseline
> alternate, which spreads a disturbance over both). Rerun on a quiet machine before drawing conclusions.
`
    : ''
}
### Results

${scenarioTable(results)}

### Budgets

${budgetTable}

### Where the CPU goes

CPU time per response of each process while the scenario ran (from \`/proc/<pid>/stat\`,
Redis from \`INFO cpu\`; Redis may be shared with other work on the machine), how many of the
${meta.cores} cores these processes kept busy, and how many other processes on the machine used
(\`/proc/stat\` minus ours): a run is only clean when that last column stays near 0.

${cpuTable([...results, drainResult])}

### AI jobs

- ${f0(budget.jobs.completed)} jobs completed${budget.jobs.failed ? `, ${budget.jobs.failed} failed` : ''}, ${f1(budget.jobs.spanS)} s from the first send to the last completion
  (send phase ${f1(budget.jobs.sendPhaseS)} s, then ${f1(budget.jobs.drainAfterSendS)} s of drain): **${f0(budget.jobs.perS)} jobs/s**;
  ${f0(budget.jobs.duringSend)} were done while the sends were still arriving; largest backlog (waiting + active + delayed) seen: ${f0(budget.jobs.peakBacklog)}.
- Enqueue → completed (job \`timestamp\` → \`finishedOn\`, i.e. the stored assistant message): p50 ${f0(budget.jobs.e2eP50)} ms, p99 ${f0(budget.jobs.e2eP99)} ms.

### Memory

${memTable}

## Running it

\`\`\`sh
npm run bench                 # FerretDB from tools/ferretdb on a temp folder, Redis on REDIS_URL
MONGODB_URI=mongodb://… npm run bench   # against a real MongoDB instead
\`\`\`

It builds \`dist/\` when missing (\`BENCH_REBUILD=1\` forces a build; otherwise run
\`npm run build\` first so the numbers are for the current code), uses its own database
\`pc_bench_<ts>\` and Redis prefix \`pcbench:<ts>\`, and removes both at the end. It exits 0 even
when a budget is missed (it reports, it does not gate); a non-zero exit means the harness failed.
Knobs: \`BENCH_DURATION_S\`, \`BENCH_ROUNDS\`, \`BENCH_WARMUP_S\`, \`BENCH_CONNECTIONS\`,
\`BENCH_RATE\`, \`BENCH_USERS\`, \`BENCH_SIGNED_IN\`, \`BENCH_SEND_RATE\`, \`BENCH_SENDERS\`,
\`BENCH_CONVERSATIONS_PER_STUDENT\`, \`BENCH_DRAIN_TIMEOUT_S\`, \`BENCH_OUT\`.

To see where the app's time goes under this load, pass node flags to the app process only, e.g.
\`BENCH_APP_NODE_ARGS="--prof --logfile=/tmp/app.v8.log --no-logfile-per-isolate" npm run bench\`
then \`node --prof-process /tmp/app.v8.log\`.
`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const cfg = {
    durationS: intEnv('BENCH_DURATION_S', 10),
    rounds: intEnv('BENCH_ROUNDS', 4),
    warmupS: intEnv('BENCH_WARMUP_S', 3, 0),
    connections: intEnv('BENCH_CONNECTIONS', 50),
    rate: intEnv('BENCH_RATE', 300),
    users: intEnv('BENCH_USERS', 300),
    signedIn: intEnv('BENCH_SIGNED_IN', 50),
    sendRate: intEnv('BENCH_SEND_RATE', 200),
    senders: intEnv('BENCH_SENDERS', 100),
    convsPerStudent: intEnv('BENCH_CONVERSATIONS_PER_STUDENT', 3),
    drainTimeoutS: intEnv('BENCH_DRAIN_TIMEOUT_S', 60),
  };
  cfg.signedIn = Math.min(cfg.signedIn, cfg.users);
  cfg.senders = Math.min(Math.max(cfg.senders, cfg.signedIn), cfg.users);
  const roundS = cfg.durationS / cfg.rounds;
  const outFile = path.resolve(ROOT, process.env.BENCH_OUT || 'docs/benchmarks.md');
  const loadavg = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

  // 1. Build
  if (
    process.env.BENCH_REBUILD === '1' ||
    !fs.existsSync(APP_MAIN) ||
    !fs.existsSync(CREATE_ADMIN) ||
    !fs.existsSync(FAKE_LLM)
  ) {
    log('construction (npx nest build)…');
    await run('nest build', 'npx', ['nest', 'build'], { inherit: true });
    if (!fs.existsSync(APP_MAIN)) throw new HarnessError(`${APP_MAIN} absent après la construction`);
  }

  const distAt = fs.statSync(APP_MAIN).mtime.toISOString();

  // 2. Services
  const ts = Date.now();
  state.dbName = `pc_bench_${ts}`;
  state.prefix = `pcbench:${ts}`;
  state.workDir = fs.mkdtempSync(path.join(os.tmpdir(), `pc-bench-${ts}-`));
  let mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) {
    services.ensureFerretDbBinary({ log });
    state.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pc-bench-ferretdb-${ts}-`));
    state.ferret = await services.startFerretDb({ dataDir: state.dataDir });
    mongoUri = state.ferret.uri;
    log(`FerretDB ${mongoUri} (pid ${state.ferret.pid})`);
  }
  state.redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  state.redisHandle = await services.ensureRedis(state.redisUrl, { log });

  state.mongo = new MongoClient(mongoUri, { serverSelectionTimeoutMS: 5000, family: 4 });
  await state.mongo.connect();
  const info = await state.mongo.db('admin').command({ buildInfo: 1 });
  const engine = info.ferretdbVersion ? `FerretDB ${info.ferretdbVersion} (SQLite)` : `MongoDB ${info.version}`;
  let redisVersion = '?';
  {
    const r = new Redis(state.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await r.connect();
    redisVersion = /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? '?';
    r.disconnect();
  }

  // 3. Fake LLM (0 ms latency), app and baseline
  const fakeLlm = spawnNode('fake llm', [FAKE_LLM, '--port', '0', '--latency', '0', '--chunk-delay', '0'], {
    ...process.env,
  });
  let fakeUrl = null;
  fakeLlm.child.stdout.on('data', (d) => {
    fakeUrl ??= /FAKE_LLM_URL=(\S+)/.exec(String(d))?.[1] ?? null;
  });
  await waitFor('le faux serveur LLM', fakeLlm, async () => fakeUrl !== null);
  log(`faux LLM sur ${fakeUrl} (pid ${fakeLlm.child.pid})`);
  const appPort = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    APP_ROLE: 'all',
    PORT: String(appPort),
    MONGODB_URI: mongoUri,
    MONGODB_DB: state.dbName,
    REDIS_URL: state.redisUrl,
    REDIS_PREFIX: state.prefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    // Only speeds up seeding (hashing, sign-in); /auth/me never hashes.
    BCRYPT_ROUNDS: '4',
    SHUTDOWN_TIMEOUT_MS: '2000',
    MAIL_OUTBOX_DIR: path.join(state.workDir, 'outbox'),
    AI_FAKE: 'true',
    OPENAI_BASE_URL: `${fakeUrl}/v1`,
    MISTRAL_SERVER_URL: fakeUrl,
  };
  const adminEmail = 'bench-admin@bench.local';
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  log('création de l’admin…');
  await run('create-admin', process.execPath, [CREATE_ADMIN, '--email', adminEmail, '--password', password], {
    env,
    timeoutMs: 60000,
  });

  // e.g. BENCH_APP_NODE_ARGS="--prof --logfile=/tmp/app.v8.log --no-logfile-per-isolate" to profile the app under load.
  const appNodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const app = spawnNode('app', [...appNodeArgs, APP_MAIN], env);
  const appBase = `http://127.0.0.1:${appPort}`;
  await waitFor(
    'l’application',
    app,
    async () => (await fetch(`${appBase}/api/v1/health`, { signal: AbortSignal.timeout(2000) })).status === 200,
  );
  log(`application prête sur ${appBase} (pid ${app.child.pid})`);

  const baseline = spawnNode('baseline', [BASELINE], {
    ...process.env,
    MONGODB_URI: mongoUri,
    MONGODB_DB: state.dbName,
    REDIS_URL: state.redisUrl,
    REDIS_PREFIX: state.prefix,
    PORT: '0',
  });
  let basePort = null;
  baseline.child.stdout.on('data', (d) => {
    basePort ??= Number(/BASELINE_LISTENING port=(\d+)/.exec(String(d))?.[1]) || null;
  });
  await waitFor('le serveur de référence', baseline, async () => basePort !== null);
  const baseBase = `http://127.0.0.1:${basePort}`;
  log(`serveur de référence prêt sur ${baseBase} (pid ${baseline.child.pid})`);

  // 4. Data and sign-ins
  const { accessToken: adminToken } = await api(appBase, 'POST', '/api/v1/auth/login', {
    body: { email: adminEmail, password },
  });
  log(`création de ${cfg.users} étudiants…`);
  const users = await inBatches(
    Array.from({ length: cfg.users }, (_, i) => i),
    8,
    async (i) => {
      const email = `bench-student-${i}@bench.local`;
      const { user } = await api(appBase, 'POST', '/api/v1/users', {
        token: adminToken,
        expect: [201],
        body: {
          prenom: `Élève${i}`,
          nom: `Bench${i}`,
          email,
          role: 'student',
          password,
          numeroEtudiant: `B${100000 + i}`,
        },
      });
      return { id: user.id, email };
    },
  );
  const senders = await inBatches(users.slice(0, cfg.senders), 8, async (u) => {
    const { accessToken } = await api(appBase, 'POST', '/api/v1/auth/login', { body: { email: u.email, password } });
    return { ...u, token: accessToken };
  });
  const signedIn = senders.slice(0, cfg.signedIn);

  // One running hackathon with quotas out of the way; every sender opens a few conversations.
  const now = Date.now();
  const { hackathon } = await api(appBase, 'POST', '/api/v1/hackathons', {
    token: adminToken,
    expect: [201],
    body: {
      nom: `Bench ${ts}`,
      description: 'Hackathon du banc de mesure',
      objectifs: 'Mesurer',
      dates: { debut: new Date(now - 3600_000).toISOString(), fin: new Date(now + 86400_000).toISOString() },
      anonymatActif: false,
      quotas: { promptsParEtudiant: 10000, tokensParEtudiant: 10000000 },
      taches: ['Génération de code Python', 'Rédaction technique assistée', 'Résumé de document'],
    },
  });
  await api(appBase, 'POST', `/api/v1/hackathons/${hackathon.id}/status`, {
    token: adminToken,
    body: { statut: 'En cours' },
  });
  log(`${cfg.senders} étudiants × ${cfg.convsPerStudent} conversations…`);
  const pairs = senders.flatMap((u) => Array.from({ length: cfg.convsPerStudent }, (_, k) => ({ u, k })));
  const conversations = await inBatches(pairs, 8, async ({ u, k }) => {
    const res = await api(appBase, 'POST', '/api/v1/conversations', {
      token: u.token,
      expect: [201],
      body: { hackathonId: hackathon.id, tacheId: hackathon.taches[k % hackathon.taches.length].id },
    });
    const id = res?.conversation?.id ?? res?.id;
    if (!id)
      throw new HarnessError(`POST /conversations : pas d'identifiant dans ${JSON.stringify(res).slice(0, 300)}`);
    return { id, user: u };
  });
  // Interleave students so consecutive sends hit different students and conversations.
  const sendOrder = [];
  for (let k = 0; k < cfg.convsPerStudent; k++)
    for (let i = 0; i < senders.length; i++) sendOrder.push(conversations[i * cfg.convsPerStudent + k]);

  // Sanity: both sides answer the same user for the same caller.
  for (const u of [signedIn[0], signedIn[signedIn.length - 1]]) {
    const a = await api(appBase, 'GET', '/api/v1/auth/me', { token: u.token });
    const b = await api(baseBase, 'GET', '/me', { headers: { 'x-user-id': u.id } });
    if (a?.user?.id !== u.id || b?.user?.id !== u.id || a.user.email !== b.user.email) {
      throw new HarnessError(
        `contrôle initial : réponses différentes pour ${u.email} (app ${JSON.stringify(a)}, référence ${JSON.stringify(b)})`,
      );
    }
  }

  for (const u of [signedIn[0], signedIn[signedIn.length - 1]]) {
    const a = await api(appBase, 'GET', '/api/v1/conversations/mine', { token: u.token });
    const b = await api(baseBase, 'GET', '/mine', { headers: { 'x-user-id': u.id } });
    const ids = (p) => (p?.items ?? []).map((c) => c.id).join(',');
    if (
      a?.total !== cfg.convsPerStudent ||
      b?.total !== a.total ||
      ids(a) !== ids(b) ||
      a.items.some((c) => 'messages' in c)
    ) {
      throw new HarnessError(
        `contrôle initial /mine : réponses différentes pour ${u.email} (app ${JSON.stringify(a).slice(0, 400)}, référence ${JSON.stringify(b).slice(0, 400)})`,
      );
    }
  }

  cpuWatch.push(
    { name: 'app', pid: app.child.pid },
    { name: 'baseline', pid: baseline.child.pid },
    { name: 'fake llm', pid: fakeLlm.child.pid },
  );
  if (state.ferret) cpuWatch.push({ name: 'ferretdb', pid: state.ferret.pid });
  redisForCpu = new Redis(state.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redisForCpu.connect();

  const memory = [
    { name: 'App (NestJS)', pid: app.child.pid, idle: memoryOf(app.child.pid) },
    { name: 'Baseline (node:http + mongodb)', pid: baseline.child.pid, idle: memoryOf(baseline.child.pid) },
  ];

  const targets = {
    app: {
      url: `${appBase}/api/v1/auth/me`,
      headersFor: (i) => ({ authorization: `Bearer ${signedIn[i % signedIn.length].token}` }),
    },
    base: { url: `${baseBase}/me`, headersFor: (i) => ({ 'x-user-id': signedIn[i % signedIn.length].id }) },
    health: { url: `${appBase}/api/v1/health`, headersFor: () => ({}) },
    appMine: {
      url: `${appBase}/api/v1/conversations/mine`,
      headersFor: (i) => ({ authorization: `Bearer ${signedIn[i % signedIn.length].token}` }),
    },
    baseMine: { url: `${baseBase}/mine`, headersFor: (i) => ({ 'x-user-id': signedIn[i % signedIn.length].id }) },
  };
  // Sends: every request takes the next conversation (round robin over students and conversations).
  let sendNo = 0;
  let baseSendNo = 0;
  targets.appSend = {
    url: appBase,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = sendNo++;
          const c = sendOrder[n % sendOrder.length];
          return {
            ...req,
            method: 'POST',
            path: `/api/v1/conversations/${c.id}/messages`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${c.user.token}` },
            body: JSON.stringify({ content: `Prompt de banc n° ${n} : écris une fonction Python.` }),
          };
        },
      },
    ],
  };
  targets.baseSend = {
    url: baseBase,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = baseSendNo++;
          const c = sendOrder[n % sendOrder.length];
          return {
            ...req,
            method: 'POST',
            path: '/send',
            headers: { 'content-type': 'application/json', 'x-user-id': c.user.id, 'x-conversation-id': c.id },
            body: JSON.stringify({ content: `Prompt de banc n° ${n} : écris une fonction Python.` }),
          };
        },
      },
    ],
  };

  // 5. Load
  const C = cfg.connections;
  if (cfg.warmupS > 0) {
    log(`échauffement ${cfg.warmupS} s par côté…`);
    await fullSpeed(targets.base, { connections: C, durationS: cfg.warmupS, sink: newSink() });
    await fullSpeed(targets.app, { connections: C, durationS: cfg.warmupS, sink: newSink() });
  }
  const sinks = { app: newSink(), base: newSink() };
  const roundRatios = [];
  for (let r = 0; r < cfg.rounds; r++) {
    const order = r % 2 === 0 ? ['app', 'base'] : ['base', 'app'];
    const okRate = {};
    for (const side of order) {
      log(
        `pleine vitesse, tour ${r + 1}/${cfg.rounds} : ${side === 'app' ? '/auth/me (app)' : 'référence'} ${roundS} s…`,
      );
      await sleep(500);
      const before = { ok: sinks[side].ok, seconds: sinks[side].seconds };
      await fullSpeed(targets[side], { connections: C, durationS: roundS, sink: sinks[side] });
      okRate[side] = (sinks[side].ok - before.ok) / (sinks[side].seconds - before.seconds);
    }
    roundRatios.push(okRate.app / okRate.base);
  }

  log(`débit fixe ${cfg.rate} req/s, ${cfg.durationS} s par côté…`);
  const rateSinks = { app: newSink(), base: newSink() };
  await sleep(500);
  await fixedRate(targets.app, { rate: cfg.rate, connections: C, durationS: cfg.durationS, sink: rateSinks.app });
  await sleep(500);
  await fixedRate(targets.base, { rate: cfg.rate, connections: C, durationS: cfg.durationS, sink: rateSinks.base });

  // /conversations/mine: same protocol as /auth/me.
  if (cfg.warmupS > 0) {
    log(`/conversations/mine : échauffement ${cfg.warmupS} s par côté…`);
    await fullSpeed(targets.baseMine, { connections: C, durationS: cfg.warmupS, sink: newSink() });
    await fullSpeed(targets.appMine, { connections: C, durationS: cfg.warmupS, sink: newSink() });
  }
  const mineSinks = { app: newSink(), base: newSink() };
  const mineRoundRatios = [];
  for (let r = 0; r < cfg.rounds; r++) {
    const order = r % 2 === 0 ? ['app', 'base'] : ['base', 'app'];
    const okRate = {};
    for (const side of order) {
      log(
        `/conversations/mine pleine vitesse, tour ${r + 1}/${cfg.rounds} : ${side === 'app' ? 'app' : 'référence'} ${roundS} s…`,
      );
      await sleep(500);
      const before = { ok: mineSinks[side].ok, seconds: mineSinks[side].seconds };
      await fullSpeed(side === 'app' ? targets.appMine : targets.baseMine, {
        connections: C,
        durationS: roundS,
        sink: mineSinks[side],
      });
      okRate[side] = (mineSinks[side].ok - before.ok) / (mineSinks[side].seconds - before.seconds);
    }
    mineRoundRatios.push(okRate.app / okRate.base);
  }
  log(`/conversations/mine débit fixe ${cfg.rate} req/s, ${cfg.durationS} s par côté…`);
  const mineRate = { app: newSink(), base: newSink() };
  await sleep(500);
  await fixedRate(targets.appMine, { rate: cfg.rate, connections: C, durationS: cfg.durationS, sink: mineRate.app });
  await sleep(500);
  await fixedRate(targets.baseMine, { rate: cfg.rate, connections: C, durationS: cfg.durationS, sink: mineRate.base });

  // Sending: baseline first (it leaves no work behind), then the app, then the drain of `ai`.
  const sendS = cfg.durationS;
  log(`envoi : référence (insert + LPUSH) ${cfg.sendRate}/s, ${sendS} s…`);
  const sendSinks = { app: newSink(), base: newSink() };
  await sleep(500);
  await fixedRate(targets.baseSend, { rate: cfg.sendRate, connections: C, durationS: sendS, sink: sendSinks.base });
  await sleep(500);
  const bull = `${state.prefix}:bull:ai`;
  const queueState = async () => {
    const [[, wait], [, active], [, delayed], [, prioritized], [, completed], [, failed]] = await redisForCpu
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
  log(`envoi : app ${cfg.sendRate}/s, ${sendS} s…`);
  const firstSendAt = Date.now();
  await fixedRate(targets.appSend, { rate: cfg.sendRate, connections: C, durationS: sendS, sink: sendSinks.app });
  const sendEndedAt = Date.now();
  const accepted = sendSinks.app.statusCodes[202] ?? 0;
  log(`attente de la file ai (${accepted} tâches attendues)…`);
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
  // Completed jobs are a sorted set scored by finishedOn: exact first/last completion times.
  const lastDone = await redisForCpu.zrange(`${bull}:completed`, -1, -1, 'WITHSCORES');
  const lastFinishedAt = Number(lastDone[1] ?? Date.now());
  const doneIds = await redisForCpu.zrangebyscore(`${bull}:completed`, firstSendAt, '+inf');
  const timing = doneIds.length
    ? await doneIds
        .reduce((m, id) => m.hmget(`${bull}:${id}`, 'timestamp', 'processedOn', 'finishedOn'), redisForCpu.pipeline())
        .exec()
    : [];
  const e2e = timing
    .map(([, v]) => Number(v[2]) - Number(v[0]))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const jobsDone = qEnd.completed - q0.completed;
  const spanS = (lastFinishedAt - firstSendAt) / 1000;
  drainSink.responses = jobsDone;
  const jobs = {
    completed: jobsDone,
    failed: qEnd.failed - q0.failed,
    spanS,
    perS: jobsDone / spanS,
    duringSend,
    sendPhaseS: (sendEndedAt - firstSendAt) / 1000,
    drainAfterSendS: (lastFinishedAt - sendEndedAt) / 1000,
    peakBacklog,
    timedOut,
    e2eP50: percentile(e2e, 0.5),
    e2eP99: percentile(e2e, 0.99),
  };
  jobs.pass = !timedOut && jobs.failed === 0 && jobsDone >= accepted && jobs.perS >= BUDGET.minJobsPerS;

  log(`/health, ${cfg.durationS} s…`);
  if (cfg.warmupS > 0)
    await fullSpeed(targets.health, { connections: C, durationS: Math.min(2, cfg.warmupS), sink: newSink() });
  const healthSink = newSink();
  await fullSpeed(targets.health, { connections: C, durationS: cfg.durationS, sink: healthSink });

  for (const m of memory) m.after = memoryOf(m.pid);
  const loadavgEnd = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

  // 6. Results
  const results = [
    summarize('`GET /auth/me` — app, full speed', sinks.app, { target: 'app', connections: C }),
    summarize('`/me` — baseline, full speed', sinks.base, { target: 'baseline', connections: C }),
    summarize(`\`GET /auth/me\` — app, ${cfg.rate} req/s`, rateSinks.app, { target: 'app', connections: C }),
    summarize(`\`/me\` — baseline, ${cfg.rate} req/s`, rateSinks.base, { target: 'baseline', connections: C }),
    summarize('`GET /conversations/mine` — app, full speed', mineSinks.app, { target: 'app', connections: C }),
    summarize('`/mine` — baseline, full speed', mineSinks.base, { target: 'baseline', connections: C }),
    summarize(`\`GET /conversations/mine\` — app, ${cfg.rate} req/s`, mineRate.app, { target: 'app', connections: C }),
    summarize(`\`/mine\` — baseline, ${cfg.rate} req/s`, mineRate.base, { target: 'baseline', connections: C }),
    summarize(`\`POST /conversations/:id/messages\` → 202 — app, ${cfg.sendRate} sends/s`, sendSinks.app, {
      target: 'app',
      connections: C,
    }),
    summarize(`\`POST /send\` (insert + LPUSH) — baseline, ${cfg.sendRate} sends/s`, sendSinks.base, {
      target: 'baseline',
      connections: C,
    }),
    summarize('`GET /health` — app, full speed (info)', healthSink, { target: 'app', connections: C }),
  ];
  const drainResult = summarize(
    `AI jobs: after the send phase until the \`ai\` queue is empty (${f1(jobs.drainAfterSendS)} s; per job)`,
    drainSink,
    { target: 'workers', connections: '—' },
  );
  for (const entry of [app, baseline]) {
    if (entry.child.exitCode !== null || entry.child.signalCode !== null) {
      throw new HarnessError(
        `${entry.name} s'est arrêté pendant la mesure (${entry.child.exitCode ?? entry.child.signalCode}) : ${entry.tail()}`,
      );
    }
  }
  for (const r of results) {
    if (r.responses === 0 || r.responses === r.non2xx) {
      throw new HarnessError(
        `aucune réponse 2xx pour « ${r.name} » (codes ${JSON.stringify(r.statusCodes)}, erreurs ${r.errors})`,
      );
    }
  }
  const [appFull, baseFull, appRate, , mineFull, mineBaseFull, mineAppRate, , sendApp, sendBase] = results;
  const clean = (r) => r.errors === 0 && r.non2xx === 0;
  // Disturbance during the scenarios the budgets are computed from (/health is information only).
  const othersMax = Math.max(
    0,
    ...[appFull, baseFull, appRate, mineFull, mineBaseFull, mineAppRate, sendApp, drainResult]
      .map((r) => r.others)
      .filter(Number.isFinite),
  );
  const budget = {
    roundRatios,
    appRps: appFull.okRps,
    baseRps: baseFull.okRps,
    ratio: appFull.okRps / baseFull.okRps,
    rate: cfg.rate,
    p99: appRate.p99,
    achieved: appRate.okRps,
    rateErrors: appRate.errors + appRate.non2xx,
  };
  budget.throughputPass = budget.ratio >= BUDGET.minThroughputRatio && clean(appFull) && clean(baseFull);
  budget.latencyPass =
    appRate.p99 < BUDGET.maxP99Ms && clean(appRate) && appRate.okRps >= BUDGET.minRateReached * cfg.rate;
  budget.mine = {
    roundRatios: mineRoundRatios,
    appRps: mineFull.okRps,
    baseRps: mineBaseFull.okRps,
    ratio: mineFull.okRps / mineBaseFull.okRps,
    p99: mineAppRate.p99,
    achieved: mineAppRate.okRps,
    rateErrors: mineAppRate.errors + mineAppRate.non2xx,
  };
  budget.mine.throughputPass = budget.mine.ratio >= BUDGET.minThroughputRatio && clean(mineFull) && clean(mineBaseFull);
  budget.mine.latencyPass =
    mineAppRate.p99 < BUDGET.maxP99Ms && clean(mineAppRate) && mineAppRate.okRps >= BUDGET.minRateReached * cfg.rate;
  budget.send = {
    rate: cfg.sendRate,
    durationS: sendS,
    p50: sendApp.p50,
    p99: sendApp.p99,
    accepted,
    achieved: sendApp.okRps,
    bad: sendApp.errors + sendApp.non2xx,
    codes: sendApp.statusCodes,
    baseP99: sendBase.p99,
  };
  budget.send.latencyPass =
    sendApp.p99 < BUDGET.maxP99Ms && clean(sendApp) && sendApp.okRps >= BUDGET.minRateReached * cfg.sendRate;
  budget.jobs = jobs;

  const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']).stdout?.trim();
  const dirty = git(['status', '--porcelain', '--', 'src', 'libs', 'config']).stdout?.trim();
  const meta = {
    ...cfg,
    date: new Date().toISOString(),
    engine,
    redisVersion,
    node: process.version,
    cpu: os.cpus()[0]?.model?.trim() ?? '?',
    cores: os.cpus().length,
    memGb: Math.round(os.totalmem() / 2 ** 30),
    loadavg,
    loadavgEnd,
    code: `${process.env.BENCH_CODE_LABEL || (head ? `commit ${head}${dirty ? ' with uncommitted changes in src/libs/config' : ''}` : 'not a git checkout')}; dist built ${distAt}`,
    autocannon: require('autocannon/package.json').version,
  };
  meta.othersMax = othersMax;
  meta.busyMachine = othersMax > BUDGET.maxOtherCores;
  const md = markdown(meta, results, budget, memory, drainResult);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, md);

  const out = process.stdout;
  out.write(`\n${engine}, Node ${process.version}, ${meta.cores} cores — ${meta.date}\n\n`);
  out.write(`${scenarioTable(results)}\n\n`);
  out.write(`${table(['Budget', 'Target', 'Measured', 'Result'], budgetRows(budget))}\n\n`);
  out.write(`CPU ms per response:\n\n${cpuTable([...results, drainResult])}\n\n`);
  out.write(
    `AI jobs: ${f0(jobs.completed)} completed, ${jobs.failed} failed, ${f1(jobs.spanS)} s from first send to last completion → ${f0(jobs.perS)} jobs/s; enqueue→completed p50 ${f0(jobs.e2eP50)} ms, p99 ${f0(jobs.e2eP99)} ms; backlog peak ${jobs.peakBacklog}\n\n`,
  );
  for (const m of memory)
    out.write(
      `${m.name}: RSS ${f0(m.idle.rssMb)} MB idle, ${f0(m.after.rssMb)} MB after the run (peak ${f0(m.after.peakMb)} MB)\n`,
    );
  out.write(`\nécrit : ${path.relative(ROOT, outFile)}\n`);
}

// ---------------------------------------------------------------------------------------------

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
    return intEnv('BENCH_TIMEOUT_S', 420);
  } catch {
    return 420;
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
