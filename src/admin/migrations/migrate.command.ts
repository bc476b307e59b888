import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../app.module';
import { loadConfigOrExit } from '../../bootstrap';
import { MigrationRunner } from './migration.runner';

/**
 * `npm run migrate`: applies the migrations not yet recorded in `migrations` (docs/data-model.md §11.1).
 * Prints one line per migration; exit 0 when all are applied, 1 on a failure.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit({ APP_ROLE: 'api' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  try {
    const summary = await app.get(MigrationRunner).run();
    for (const name of summary.skipped) process.stdout.write(`déjà appliquée : ${name}\n`);
    for (const m of summary.applied) process.stdout.write(`appliquée : ${m.name} ${JSON.stringify(m.result)}\n`);
    process.stdout.write(
      `migrations : ${summary.applied.length} appliquée(s), ${summary.skipped.length} déjà faite(s)\n`,
    );
  } catch (err) {
    process.stderr.write(`migration en échec : ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

void main();
