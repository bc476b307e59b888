// `npm run services`: starts the backing services for a local run and keeps them up until
// Ctrl-C/SIGTERM — the embedded FerretDB (built once from tools/ferretdb, on a free port; on
// PostgreSQL in the database `prompt_challenge` when a server answers, else on SQLite under
// .data/ferretdb) and a redis-server when nothing answers REDIS_URL. It prints the variables
// to use and keeps them in .data/local-run.json, where `npm run create-admin`, `migrate`,
// `diagnose`, `start:api` and `start:worker` find them (src/bootstrap.ts, loadConfigOrExit).
//
// `startServices()` is also used by tools/start-local.mjs (`npm start`).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const services = require('./local-services.js');

export const ROOT = services.ROOT;
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** The PostgreSQL database of local runs, unless FERRETDB_POSTGRESQL_URL names one. */
export const LOCAL_PG_DATABASE = 'prompt_challenge';
/** Where a running `npm start` / `npm run services` keeps its services' addresses (read by src/bootstrap.ts). */
export const LOCAL_RUN_FILE = path.join(ROOT, '.data', 'local-run.json');

export const JWT_SECRET_FILE = path.join(ROOT, '.data', 'jwt-secret');

/** The JWT secret of local runs: generated once, kept in .data/jwt-secret (mode 600). */
export function localJwtSecret(log = console.log) {
  if (existsSync(JWT_SECRET_FILE)) {
    const kept = readFileSync(JWT_SECRET_FILE, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(path.dirname(JWT_SECRET_FILE), { recursive: true });
  writeFileSync(JWT_SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  log(`JWT_SECRET generated and kept in ${path.relative(ROOT, JWT_SECRET_FILE)}`);
  return secret;
}

/**
 * Keeps the addresses of the running services for the commands of another terminal. The
 * file names the process that owns it: a reader ignores it once that process is gone, and
 * the owner removes it when it stops (removeLocalRunFile).
 */
export function writeLocalRunFile(env) {
  mkdirSync(path.dirname(LOCAL_RUN_FILE), { recursive: true });
  const tmp = `${LOCAL_RUN_FILE}.${process.pid}.tmp`;
  const content = { pid: process.pid, startedAt: new Date().toISOString(), env };
  writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, LOCAL_RUN_FILE);
}

export function removeLocalRunFile() {
  try {
    if (!existsSync(LOCAL_RUN_FILE)) return;
    if (JSON.parse(readFileSync(LOCAL_RUN_FILE, 'utf8')).pid === process.pid) rmSync(LOCAL_RUN_FILE, { force: true });
  } catch {
    // unreadable: leave it, readers check its pid anyway
  }
}

/**
 * Starts what is missing. With `mongodbUri` set, no FerretDB is started and that URI is
 * used as is. Returns the URLs in use, `backendEnv` (the FERRETDB_* variables the app reads
 * to create its engine indexes; empty on real MongoDB), `backend` (a line saying which
 * FerretDB backend runs, or null) and `stop()`, which stops only what was started here
 * (never a Redis that was already running). `started` lists those: {name, pid, process}.
 */
export async function startServices({ mongodbUri, redisUrl = DEFAULT_REDIS_URL, log = console.log } = {}) {
  const started = [];
  let backendEnv = {};
  let backend = null;
  const stop = async () => {
    // Reverse order; each stop() waits for the process to exit (SIGKILL after 5 s).
    for (const s of started.reverse()) await s.stop().catch(() => {});
    started.length = 0;
  };
  try {
    if (!mongodbUri) {
      services.ensureFerretDbBinary({ log });
      const pgUrl = process.env.FERRETDB_POSTGRESQL_URL;
      const ferret = await services.startFerretBackend({
        pgDatabase: (pgUrl && services.pgDatabaseOf(pgUrl)) || LOCAL_PG_DATABASE,
        dataDir: path.join(ROOT, '.data', 'ferretdb'),
        log,
      });
      started.push({ name: 'ferretdb', pid: ferret.pid, process: ferret.process, stop: ferret.stop });
      mongodbUri = ferret.uri;
      backendEnv = ferret.env;
      backend = ferret.description;
      log(backend);
    }
    const redis = await services.ensureRedis(redisUrl, { log });
    if (redis) started.push({ name: 'redis-server', pid: redis.pid, process: redis.process, stop: redis.stop });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    mongodbUri,
    redisUrl,
    backendEnv,
    backend,
    started: started.map(({ name, pid, process }) => ({ name, pid, process })),
    stop,
  };
}

async function main() {
  const log = (m) => console.log(`[services] ${m}`);
  const s = await startServices({ redisUrl: process.env.REDIS_URL || DEFAULT_REDIS_URL, log });
  let stopping = false;
  for (const { name, pid, process: child } of s.started) {
    log(`${name} started (pid ${pid})`);
    child.on('exit', async (code, signal) => {
      // A terminal's Ctrl-C reaches the services too: give our own handler a moment first.
      await new Promise((r) => setTimeout(r, 300));
      if (stopping) return;
      stopping = true;
      log(`${name} stopped unexpectedly (${signal ?? `code ${code}`}): stopping the rest`);
      removeLocalRunFile();
      await s.stop();
      process.exit(1);
    });
  }
  if (!s.started.some((x) => x.name === 'redis-server')) log(`Redis already answers on ${s.redisUrl}: using it`);
  const env = {
    MONGODB_URI: s.mongodbUri,
    ...(process.env.MONGODB_URI ? {} : { MONGODB_DB: process.env.MONGODB_DB || 'prompt-challenge' }),
    REDIS_URL: s.redisUrl,
    ...s.backendEnv,
  };
  for (const [k, v] of Object.entries(env)) console.log(`${k}=${v}`);
  if (!process.env.JWT_SECRET) localJwtSecret(log);
  writeLocalRunFile({ ...env, ...(process.env.JWT_SECRET ? {} : { JWT_SECRET_FILE }) });
  log(
    `kept in ${path.relative(ROOT, LOCAL_RUN_FILE)}: npm run create-admin / migrate / diagnose / start:api find them there`,
  );
  log('running; Ctrl-C stops what was started here');

  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    removeLocalRunFile();
    await s.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(`[services] ${err.message}`);
    process.exit(1);
  });
}
