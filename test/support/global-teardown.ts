import { rmSync } from 'node:fs';
import Redis from 'ioredis';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require('../../tools/local-services.js');

/** Stops what the setup started and removes this run's Redis keys, FerretDB files and PostgreSQL database. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.TEST_RUN_ID;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (runId && redisUrl) {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `pctest:${runId}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    } catch {
      // Redis gone already: nothing to clean.
    } finally {
      redis.disconnect();
    }
  }
  for (const s of ((globalThis as any).__STARTED_SERVICES__ ?? []) as { stop: () => Promise<void> }[]) await s.stop();
  const dataDir = (globalThis as any).__FERRET_DATA__;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  const pg = (globalThis as any).__FERRET_PG__ as { serverUrl: string; database: string } | undefined;
  if (pg) {
    await services.dropPgDatabase(pg.serverUrl, pg.database).catch((err: Error) => {
      process.stderr.write(`[e2e teardown] base PostgreSQL ${pg.database} non supprimée : ${err.message}\n`);
    });
  }
}
