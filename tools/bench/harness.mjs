// Process, HTTP and load helpers of the benchmark (tools/bench/run.mjs): child processes
// registered for cleanup, autocannon runs at full speed or at a fixed rate, and the CPU time
// of every process involved (app, baseline, FerretDB, PostgreSQL backends, Redis) per scenario.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
const services = require('../local-services.js');
const autocannon = require('autocannon');

export const ROOT = services.ROOT;

/** The built entry points every bench runs (npm run build): the app, create-admin and the fake LLM. */
export const APP_MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
export const CREATE_ADMIN = path.join(ROOT, 'dist', 'src', 'identity', 'create-admin', 'create-admin.command.js');
export const FAKE_LLM = path.join(ROOT, 'dist', 'test', 'support', 'fake-llm', 'fake-llm.main.js');
export { services, sleep };

export class HarnessError extends Error {}

export const log = (m) => process.stderr.write(`[bench] ${m}\n`);

export function intEnv(name, fallback, min = 1) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new HarnessError(`${name} doit être un entier ≥ ${min} (reçu ${raw})`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Everything started here, so that cleanup() can undo it whatever happened: children are
// stopped first (newest first), then the registered undo steps run (newest first).

const children = []; // { name, child }
const undo = [];

export function onCleanup(fn) {
  undo.push(fn);
  return fn;
}

/** Runs (once) an undo step registered with onCleanup, now rather than at the end. */
export async function runCleanupStep(fn) {
  const i = undo.indexOf(fn);
  if (i >= 0) undo.splice(i, 1);
  await fn();
}

export async function stopChildren(filter = () => true) {
  for (const entry of [...children].reverse()) {
    if (!filter(entry)) continue;
    children.splice(children.indexOf(entry), 1);
    await services.stopChild(entry.child, 8000).catch((e) => log(`arrêt de ${entry.name} : ${e.message}`));
  }
}

/** Where the undo steps stand now: runs of a multi-run harness undo their own with cleanupTo(mark). */
export function cleanupMark() {
  return undo.length;
}

/** Runs (newest first) the undo steps registered since `mark`, now rather than at the end. */
export async function cleanupTo(mark) {
  while (undo.length > mark) {
    const fn = undo.pop();
    await Promise.resolve()
      .then(fn)
      .catch((e) => log(`nettoyage : ${e.message}`));
  }
}

let cleanupPromise = null;
export function cleanup() {
  cleanupPromise ??= (async () => {
    await stopChildren();
    while (undo.length) {
      const fn = undo.pop();
      await Promise.resolve()
        .then(fn)
        .catch((e) => log(`nettoyage : ${e.message}`));
    }
  })();
  return cleanupPromise;
}

// ---------------------------------------------------------------------------------------------
// Processes

export function freePort() {
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
export function spawnNode(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (d) => {
    tail += d;
    if (tail.length > 8000) tail = tail.slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const entry = { name, child, tail: () => tail.trim() };
  children.push(entry);
  return entry;
}

export function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? child.signalCode);
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
}

export async function run(name, cmd, args, { env = process.env, timeoutMs = 300000, inherit = false } = {}) {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env,
    stdio: inherit ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  const entry = { name, child };
  children.push(entry);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited(child);
  clearTimeout(timer);
  children.splice(children.indexOf(entry), 1);
  if (code !== 0) throw new HarnessError(`${name} a échoué (${code}) : ${out.trim().slice(-2000)}`);
  return out;
}

export async function waitFor(what, entry, probe, timeoutMs = 60000) {
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

export function memoryOf(pid) {
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
// Engine and Redis of one run

/**
 * A fresh engine for one run, undone at cleanup: `external` the MongoDB of MONGODB_URI;
 * `postgresql` FerretDB on a PostgreSQL database of its own named `name` (dropped at the end),
 * with a `pg` client on it to read its server processes' CPU; `sqlite` FerretDB on a temp folder.
 */
export async function startEngine(kind, name) {
  if (kind === 'external') return { uri: process.env.MONGODB_URI, label: 'MongoDB (MONGODB_URI)', env: {} };
  services.ensureFerretDbBinary({ log });
  if (kind === 'postgresql') {
    const server = process.env.FERRETDB_POSTGRESQL_URL || services.DEFAULT_POSTGRESQL_URL;
    const database = name;
    await services.ensurePgDatabase(server, database);
    onCleanup(() => services.dropPgDatabase(server, database).then(() => log(`base PostgreSQL ${database} supprimée`)));
    const ferret = await services.startFerretDb({
      handler: 'postgresql',
      postgresqlUrl: services.ferretPgUrl(server, database),
    });
    const stopFerret = onCleanup(() => ferret.stop());
    const { Client } = require('pg');
    const u = new URL(services.pgDatabaseUrl(server, database));
    const pg = new Client({ connectionString: u.toString() });
    await pg.connect();
    const endPg = onCleanup(() => pg.end());
    const versionRow = await pg.query('SHOW server_version');
    return {
      uri: ferret.uri,
      pid: ferret.pid,
      pg,
      database,
      label: `FerretDB v1.24.2 on PostgreSQL ${versionRow.rows[0].server_version}`,
      env: { FERRETDB_POSTGRESQL_URL: services.pgDatabaseUrl(server, database) },
      stop: async () => {
        await runCleanupStep(endPg);
        await runCleanupStep(stopFerret);
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name.replaceAll('_', '-')}-ferretdb-`));
  onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const ferret = await services.startFerretDb({ handler: 'sqlite', dataDir });
  const stopFerret = onCleanup(() => ferret.stop());
  return {
    uri: ferret.uri,
    pid: ferret.pid,
    label: 'FerretDB v1.24.2 on SQLite',
    env: { FERRETDB_SQLITE_DIR: dataDir },
    stop: () => runCleanupStep(stopFerret),
  };
}

/** Deletes every key of a run's Redis prefix (`<prefix>:*`), nothing else. */
export async function deleteRedisKeys(redisUrl, prefix) {
  const Redis = require('ioredis');
  const r = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  let deleted = 0;
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await r.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
  return deleted;
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers (setup only; the load comes from autocannon)

export async function api(base, method, url, { body, token, headers = {}, expect = [200], timeoutMs = 15000 } = {}) {
  const res = await fetch(base + url, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (!expect.includes(res.status)) throw new HarnessError(`${method} ${url} → ${res.status} : ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

export async function inBatches(items, width, fn) {
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
export function newSink() {
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
// Sources: { name, read: () => seconds | Promise<seconds> }, replaced per backend.
let cpuSources = [];
export const CPU_COLUMNS = ['app', 'baseline', 'ferretdb', 'postgres', 'redis', 'fake llm', 'load generator'];

export function setCpuSources(sources) {
  cpuSources = sources;
}

export function pidSource(name, pid) {
  return { name, read: () => cpuSecondsOf(pid) };
}

/** Redis's own CPU counters (INFO cpu); Redis may be shared with other work on the machine. */
export function redisSource(redis) {
  return {
    name: 'redis',
    read: async () => {
      const info = await redis.info('cpu');
      const v = (k) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1]);
      return v('used_cpu_user') + v('used_cpu_sys');
    },
  };
}

/**
 * The PostgreSQL server processes serving one database (FerretDB's pool), found through
 * pg_stat_activity at every read. A backend seen for the first time counts from zero: FerretDB
 * opens them on demand, so a new one started during the scenario.
 */
export function postgresSource(pgClient, database) {
  const last = new Map();
  let total = 0;
  return {
    name: 'postgres',
    read: async () => {
      const { rows } = await pgClient.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
      for (const { pid } of rows) {
        const now = cpuSecondsOf(pid);
        if (!Number.isFinite(now)) continue;
        total += now - (last.get(pid) ?? 0);
        last.set(pid, now);
      }
      return total;
    },
  };
}

export function cpuSecondsOf(pid) {
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
export function machineBusySeconds() {
  try {
    const [, ...v] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal
    return (v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / 100;
  } catch {
    return NaN;
  }
}

export async function cpuSnapshot() {
  const snap = { machine: machineBusySeconds() };
  for (const { name, read } of cpuSources) {
    try {
      snap[name] = await read();
    } catch {
      snap[name] = NaN;
    }
  }
  const self = process.cpuUsage();
  snap['load generator'] = (self.user + self.system) / 1e6;
  return snap;
}

export async function withCpu(sink, fn) {
  const before = await cpuSnapshot();
  const started = performance.now();
  await fn();
  const after = await cpuSnapshot();
  sink.wall = (sink.wall ?? 0) + (performance.now() - started) / 1000;
  for (const k of Object.keys(after)) sink.cpu[k] = (sink.cpu[k] ?? 0) + (after[k] - before[k]);
}

/** Cores used on average by processes this run did not start (other work on the machine). */
export function otherCores(sink) {
  const ours = CPU_COLUMNS.reduce((sum, k) => sum + (Number.isFinite(sink.cpu[k]) ? sink.cpu[k] : 0), 0);
  return Math.max(0, (sink.cpu.machine - ours) / sink.wall);
}

/**
 * One autocannon run. Latencies are taken from every 2xx response (float ms) rather than from
 * autocannon's histogram: with a fixed rate autocannon 8 "corrects" coordinated omission with a
 * 1 ms expected interval, which pads the histogram with short fake samples and lowers p99.
 */
export async function cannon({
  url,
  connections,
  durationS,
  amount,
  overallRate,
  headersFor,
  requests,
  sink,
  timeoutS = 30,
}) {
  let clientNo = 0;
  const instance = autocannon({
    url,
    connections,
    // `amount`: a fixed number of requests (slow endpoints), instead of a duration.
    ...(amount ? { amount } : { duration: durationS }),
    ...(overallRate ? { overallRate, ignoreCoordinatedOmission: true } : {}),
    timeout: timeoutS,
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
export async function fullSpeed(target, { connections, durationS, sink }) {
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
export async function fixedRate(target, { rate, connections, durationS, slices = 10, sink }) {
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

export function percentile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function summarize(name, sink, extra = {}) {
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

/** A fixed number of requests over a few connections: for endpoints that cost seconds. */
export async function fixedCount(target, { connections, amount, sink }) {
  await withCpu(sink, async () => {
    const result = await cannon({ ...target, connections, amount, sink, timeoutS: 120 });
    sink.seconds += result.duration;
  });
}
