import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// CommonJS helper shared with `npm start` / `npm run services`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require('../../tools/local-services.js');

/**
 * Once per `jest` run: a MongoDB-compatible server (MONGODB_URI when set, else the embedded
 * FerretDB started here on a free port: on PostgreSQL in a database of this run,
 * `pc_<run>_test`, when a server answers, else on SQLite in a temp folder;
 * FERRETDB_HANDLER=sqlite|postgresql forces one), a Redis (REDIS_URL, started here only when
 * nothing answers), and a run id that names every database and Redis prefix of this run.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  process.env.TEST_RUN_ID = runId;
  const started: { stop: () => Promise<void> }[] = [];
  const log = (m: string) => process.stderr.write(`[e2e setup] ${m}\n`);
  // dist/ and web/dist/ as the sources are (a no-op after `npm test`'s pretest): `jest <file>` run alone
  // then tests what was written, not an older build.
  execFileSync(process.execPath, [join(__dirname, '../../tools/build-if-stale.mjs')], { stdio: 'inherit' });

  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    process.env.TEST_ENGINE = 'external';
  } else {
    services.ensureFerretDbBinary({ log });
    const dataDir = mkdtempSync(join(tmpdir(), `pc-ferretdb-${runId}-`));
    const ferret = await services.startFerretBackend({ pgDatabase: `pc_${runId}_test`, dataDir, log });
    started.push(ferret);
    process.env.TEST_MONGODB_URI = ferret.uri;
    process.env.TEST_ENGINE = 'ferretdb';
    process.env.TEST_FERRETDB_HANDLER = ferret.backend.handler;
    for (const [k, v] of Object.entries(ferret.env as Record<string, string>)) process.env[`TEST_${k}`] = v;
    (globalThis as any).__FERRET_DATA__ = dataDir;
    (globalThis as any).__FERRET_PG__ = ferret.backend.handler === 'postgresql' ? ferret.backend : undefined;
    log(`moteur : ${ferret.description} ; ${ferret.uri}`);
  }

  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = await services.ensureRedis(redisUrl, { log });
  if (redis) started.push(redis);
  process.env.TEST_REDIS_URL = redisUrl;
  (globalThis as any).__STARTED_SERVICES__ = started;
}
