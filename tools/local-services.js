// Starts what the service needs on this machine: the embedded FerretDB (built once from
// tools/ferretdb with the machine's Go toolchain) and, when nothing answers on REDIS_URL,
// a redis-server. Shared by `npm run services`, `npm start` and the e2e global setup.
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

/** Starts FerretDB on `listen` (port 0: a free one) and resolves with its URI once it listens. */
function startFerretDb({ dataDir, listen = '127.0.0.1:0', logLevel = 'warn' }) {
  const bin = ensureFerretDbBinary();
  fs.mkdirSync(dataDir, { recursive: true });
  const child = spawn(bin, ['-listen', listen, '-data', dataDir, '-log-level', logLevel], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

module.exports = { ROOT, ensureFerretDbBinary, startFerretDb, ensureRedis, redisAnswers, stopChild };
