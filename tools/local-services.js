// Starts what the service needs on this machine: the embedded FerretDB (built once from
// tools/ferretdb with the machine's Go toolchain) on PostgreSQL when a server answers, on
// SQLite otherwise, and, when nothing answers on REDIS_URL, a redis-server. Shared by `npm run services`, `npm start` and the e2e global setup.
'use strict';
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const FERRET_DIR = path.join(ROOT, 'tools', 'ferretdb');
const FERRET_BIN = path.join(FERRET_DIR, 'bin', 'ferretdb');
const FERRET_STAMP = path.join(FERRET_DIR, 'bin', '.source-hash');

function findGo() {
  for (const candidate of [process.env.GO, 'go', '/usr/local/go/bin/go']) {
    if (!candidate) continue;
    const r = spawnSync(candidate, ['version'], { stdio: 'ignore' });
    if (r.status === 0) return candidate;
  }
  throw new Error('Go est introuvable (ni dans PATH ni dans /usr/local/go/bin) : il faut Go pour construire FerretDB');
}

function sourceHash() {
  const h = createHash('sha256');
  for (const f of ['main.go', 'go.mod', 'go.sum']) h.update(fs.readFileSync(path.join(FERRET_DIR, f)));
  return h.digest('hex');
}

/** Builds tools/ferretdb once; rebuilds only when its sources change. Returns the binary path. */
function ensureFerretDbBinary({ log = console.log } = {}) {
  const hash = sourceHash();
  if (fs.existsSync(FERRET_BIN) && fs.existsSync(FERRET_STAMP) && fs.readFileSync(FERRET_STAMP, 'utf8') === hash)
    return FERRET_BIN;
  const go = findGo();
  log(`construction de FerretDB (tools/ferretdb, ${go}) — une seule fois, ~1 à 2 min…`);
  execFileSync(go, ['build', '-trimpath', '-o', FERRET_BIN, '.'], {
    cwd: FERRET_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
  });
  fs.writeFileSync(FERRET_STAMP, hash);
  return FERRET_BIN;
}

// --- PostgreSQL backend -------------------------------------------------------------------
// FerretDB's `postgresql` handler keeps one schema per MongoDB database and one table per
// collection in one PostgreSQL database (docs/architecture.md, "The engine here"). Each local run gets
// its own PostgreSQL database: `npm start` a kept one, each test or bench run a fresh one.

/** The local server of these machines (trust auth); FERRETDB_POSTGRESQL_URL points elsewhere. */
const DEFAULT_POSTGRESQL_URL = 'postgres://postgres@127.0.0.1:5432/';

// FerretDB deadlocks when the updates in flight reach its pool size (docs/architecture.md): the pool must
// stay well above the sum of the Mongo pools of every process on it (maxPoolSize 10 each in
// libs/database/database.module.ts). 80 leaves room for 8 such processes while staying under
// PostgreSQL's default max_connections of 100; FERRETDB_PG_POOL_MAX_CONNS changes it.
const DEFAULT_POOL_MAX_CONNS = 80;

function pgModule() {
  // Loaded lazily: the sqlite path and real-MongoDB runs never need it.
  return require('pg');
}

/** Connection settings of `pg` for `url` on database `database` (FerretDB's pool parameters dropped). */
function pgClientConfig(url, database) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname || '127.0.0.1'),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database ?? (decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres'),
    connectionTimeoutMillis: 3000,
  };
}

/** The database named in a postgres:// URL's path, or undefined. */
function pgDatabaseOf(url) {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  return name || undefined;
}

async function withPg(url, database, fn) {
  const { Client } = pgModule();
  const client = new Client(pgClientConfig(url, database));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** True when a PostgreSQL server accepts `url`'s credentials (on its maintenance database). */
async function postgresAnswers(url) {
  try {
    await withPg(url, 'postgres', (c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

const PG_NAME = /^[a-z0-9_]{1,63}$/;

/** Creates database `name` on the server of `url` when it is missing; true when created. */
async function ensurePgDatabase(url, name) {
  if (!PG_NAME.test(name)) throw new Error(`nom de base PostgreSQL refusé : ${name}`);
  return withPg(url, 'postgres', async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await c.query(`CREATE DATABASE "${name}"`);
    } catch (err) {
      if (err.code !== '42P04') throw err; // created meanwhile by another process
      return false;
    }
    return true;
  });
}

/** Drops database `name` (its connections closed first); stop FerretDB before. */
async function dropPgDatabase(url, name) {
  if (!PG_NAME.test(name)) throw new Error(`nom de base PostgreSQL refusé : ${name}`);
  await withPg(url, 'postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** `url` on database `name`, without FerretDB's pool parameters: what the app and `pg` use. */
function pgDatabaseUrl(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  u.search = '';
  return u.toString();
}

/**
 * The URL FerretDB gets: the database, a pool far above what the Mongo clients can have in
 * flight, idle connections given back after a minute (FerretDB applies its 1m only when the
 * parameter is present), and lz4 TOAST compression (docs/architecture.md: scans ~40 % cheaper).
 */
function ferretPgUrl(url, name, poolMaxConns) {
  const u = new URL(pgDatabaseUrl(url, name));
  const pool = poolMaxConns ?? Number(process.env.FERRETDB_PG_POOL_MAX_CONNS || DEFAULT_POOL_MAX_CONNS);
  if (!Number.isInteger(pool) || pool < 2) throw new Error(`FERRETDB_PG_POOL_MAX_CONNS invalide : ${pool}`);
  u.searchParams.set('pool_max_conns', String(pool));
  u.searchParams.set('pool_max_conn_idle_time', '1m');
  u.searchParams.set('default_toast_compression', 'lz4');
  return u.toString();
}

/**
 * Which FerretDB backend to run. FERRETDB_HANDLER=sqlite|postgresql forces one; otherwise
 * `postgresql` when a server accepts FERRETDB_POSTGRESQL_URL (default the local one), else
 * `sqlite`. Returns {handler, postgresqlUrl?, reason}.
 */
async function chooseFerretBackend({
  handler = process.env.FERRETDB_HANDLER,
  postgresqlUrl = process.env.FERRETDB_POSTGRESQL_URL,
} = {}) {
  const url = postgresqlUrl || DEFAULT_POSTGRESQL_URL;
  if (handler && !['sqlite', 'postgresql'].includes(handler)) {
    throw new Error(`FERRETDB_HANDLER invalide : ${handler} (sqlite ou postgresql)`);
  }
  if (handler === 'sqlite') return { handler: 'sqlite', reason: 'FERRETDB_HANDLER=sqlite' };
  if (await postgresAnswers(url)) {
    return { handler: 'postgresql', postgresqlUrl: url, reason: `PostgreSQL répond sur ${redactUrl(url)}` };
  }
  if (handler === 'postgresql') {
    throw new Error(`FERRETDB_HANDLER=postgresql mais PostgreSQL ne répond pas sur ${redactUrl(url)}`);
  }
  return { handler: 'sqlite', reason: `PostgreSQL ne répond pas sur ${redactUrl(url)}` };
}

function redactUrl(url) {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/**
 * Starts FerretDB on `listen` (port 0: a free one) and resolves once it listens, with
 * {uri, handler, pid, process, stop}. `handler` 'sqlite' needs `dataDir`; 'postgresql'
 * needs `postgresqlUrl` (the full URL FerretDB gets, see ferretPgUrl).
 */
function startFerretDb({ handler = 'sqlite', dataDir, postgresqlUrl, listen = '127.0.0.1:0', logLevel = 'warn' }) {
  const bin = ensureFerretDbBinary();
  const args = ['-listen', listen, '-handler', handler, '-log-level', logLevel];
  if (handler === 'postgresql') {
    args.push('-postgresql-url', postgresqlUrl);
  } else {
    fs.mkdirSync(dataDir, { recursive: true });
    args.push('-data', dataDir);
  }
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 20000) stderr = stderr.slice(-10000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`FerretDB n'a pas démarré en 30 s : ${stderr.trim()}`));
    }, 30000);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /FERRETDB_URI=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          uri: m[1],
          handler,
          pid: child.pid,
          process: child,
          stop: () => stopChild(child),
        });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`FerretDB s'est arrêté (code ${code}) : ${stderr.trim()}`));
    });
  });
}

/**
 * What the app needs to know about the backend (libs/database/engine-indexes.ts creates the
 * indexes FerretDB's reads can use there): FERRETDB_POSTGRESQL_URL or FERRETDB_SQLITE_DIR.
 */
function backendEnv(backend) {
  return backend.handler === 'postgresql'
    ? { FERRETDB_POSTGRESQL_URL: backend.databaseUrl }
    : { FERRETDB_SQLITE_DIR: backend.dataDir };
}

/** One line for people: which backend, where its data is. */
function describeBackend(backend) {
  return backend.handler === 'postgresql'
    ? `FerretDB sur PostgreSQL (base ${backend.database} sur ${redactUrl(backend.serverUrl)} ; ${backend.reason})`
    : `FerretDB sur SQLite (fichiers dans ${backend.dataDir} ; ${backend.reason}) : pour un essai ou un petit ` +
        'groupe ; une classe entière demande PostgreSQL (300 élèves sur SQLite laissent des prompts sans réponse, ' +
        'docs/benchmarks.md)';
}

/**
 * Chooses the backend, prepares it (PostgreSQL: creates `pgDatabase` when missing; SQLite:
 * `dataDir`) and starts FerretDB. Returns the started handle plus {backend, env}.
 */
async function startFerretBackend({ pgDatabase, dataDir, handler, postgresqlUrl, listen, log = () => {} }) {
  const choice = await chooseFerretBackend({ handler, postgresqlUrl });
  let backend;
  if (choice.handler === 'postgresql') {
    const created = await ensurePgDatabase(choice.postgresqlUrl, pgDatabase);
    if (created) log(`base PostgreSQL ${pgDatabase} créée`);
    backend = {
      handler: 'postgresql',
      reason: choice.reason,
      serverUrl: choice.postgresqlUrl,
      database: pgDatabase,
      databaseUrl: pgDatabaseUrl(choice.postgresqlUrl, pgDatabase),
    };
  } else {
    backend = { handler: 'sqlite', reason: choice.reason, dataDir: path.resolve(dataDir) };
  }
  const ferret = await startFerretDb({
    handler: backend.handler,
    dataDir: backend.dataDir,
    postgresqlUrl: backend.handler === 'postgresql' ? ferretPgUrl(backend.serverUrl, backend.database) : undefined,
    listen,
  });
  return { ...ferret, backend, env: backendEnv(backend), description: describeBackend(backend) };
}

function stopChild(child, graceMs = 5000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function parseRedisUrl(url) {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) };
}

/** True when something answers PING with +PONG (or NOAUTH, which is still a Redis) on the URL. */
function redisAnswers(url, timeoutMs = 1000) {
  const { host, port } = parseRedisUrl(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(/^(\+PONG|-NOAUTH)/.test(String(d))));
  });
}

/**
 * Makes sure a Redis answers on `url`. Starts a local redis-server (no persistence,
 * noeviction as BullMQ requires) only when nothing answers; returns a handle or null.
 */
async function ensureRedis(url, { log = console.log } = {}) {
  if (await redisAnswers(url)) return null;
  const { host, port } = parseRedisUrl(url);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`Redis ne répond pas sur ${url} (hôte distant : rien n'est démarré)`);
  }
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0)
    throw new Error('Redis ne répond pas et redis-server est introuvable (apt-get install redis-server)');
  log(`démarrage de redis-server sur le port ${port}…`);
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url)) return { pid: child.pid, process: child, stop: () => stopChild(child) };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server n'a pas répondu sur ${url}`);
}

module.exports = {
  ROOT,
  DEFAULT_POSTGRESQL_URL,
  ensureFerretDbBinary,
  startFerretDb,
  startFerretBackend,
  chooseFerretBackend,
  describeBackend,
  backendEnv,
  postgresAnswers,
  ensurePgDatabase,
  dropPgDatabase,
  pgDatabaseOf,
  pgDatabaseUrl,
  ferretPgUrl,
  redactUrl,
  ensureRedis,
  redisAnswers,
  stopChild,
};
