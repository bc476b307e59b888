import mongoose from 'mongoose';
import { databaseNameOf } from '../../../libs/database';
import { loadConfigOrExit } from '../../bootstrap';
import { diagnose, formatDiagnosis } from './diagnose';

/**
 * `npm run diagnose` (docs/data-model.md §13.1): ping, engine, collections, sizes and indexes. Connects with
 * MongoDB alone (no Redis, no Nest app), so it works when the rest of the service does not.
 * `--json` prints the report as JSON. Exit 1 when the database does not answer.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit({ APP_ROLE: 'api' });
  const conn = mongoose.createConnection(config.MONGODB_URI, {
    dbName: databaseNameOf(config),
    serverSelectionTimeoutMS: 5000,
    autoIndex: false,
    autoCreate: false,
  });
  try {
    await conn.asPromise();
    if (!conn.db) throw new Error('connexion sans base');
    const report = await diagnose(conn.db);
    process.stdout.write(
      process.argv.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatDiagnosis(report),
    );
    if (!report.ok) process.exitCode = 1;
  } catch (err) {
    process.stderr.write(`diagnostic impossible : ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await conn.close().catch(() => undefined);
  }
}

void main();
