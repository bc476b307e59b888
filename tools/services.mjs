// `npm run services`: starts the backing services for a local run and keeps them up until
// Ctrl-C/SIGTERM — the embedded FerretDB (built once from tools/ferretdb, data under
// .data/ferretdb, on a free port) and a redis-server when nothing answers REDIS_URL.
// It prints the URLs to use, e.g. `MONGODB_URI=... npm run start:api`.
//
// `startServices()` is also used by tools/start-local.mjs (`npm start`).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const services = require('./local-services.js');

export const ROOT = services.ROOT;
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Starts what is missing. With `mongodbUri` set, no FerretDB is started and that URI is
 * used as is. Returns the URLs in use and `stop()`, which stops only what was started here
 * (never a Redis that was already running). `started` lists those: {name, pid, process}.
 */
export async function startServices({ mongodbUri, redisUrl = DEFAULT_REDIS_URL, log = console.log } = {}) {
  const started = [];
  const stop = async () => {
    // Reverse order; each stop() waits for the process to exit (SIGKILL after 5 s).
    for (const s of started.reverse()) await s.stop().catch(() => {});
    started.length = 0;
  };
  try {
    if (!mongodbUri) {
      services.ensureFerretDbBinary({ log });
      const ferret = await services.startFerretDb({ dataDir: path.join(ROOT, '.data', 'ferretdb') });
      started.push({ name: 'ferretdb', pid: ferret.pid, process: ferret.process, stop: ferret.stop });
      mongodbUri = ferret.uri;
    }
    const redis = await services.ensureRedis(redisUrl, { log });
    if (redis) started.push({ name: 'redis-server', pid: redis.pid, process: redis.process, stop: redis.stop });
  } catch (err) {
    await stop();
    throw err;
  }
  return { mongodbUri, redisUrl, started: started.map(({ name, pid, process }) => ({ name, pid, process })), stop };
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
      await s.stop();
      process.exit(1);
    });
  }
  if (!s.started.some((x) => x.name === 'redis-server')) log(`Redis already answers on ${s.redisUrl}: using it`);
  console.log(`MONGODB_URI=${s.mongodbUri}`);
  console.log(`REDIS_URL=${s.redisUrl}`);
  log('running; Ctrl-C stops what was started here');

  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
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
