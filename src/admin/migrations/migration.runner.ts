import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { ConversationMaintenance } from '../../conversation';
import { UserDirectory } from '../../identity';
import { MigrationRepository } from '../migration.repository';
import { Migration, MIGRATIONS } from './migrations';

export interface MigrationRunSummary {
  applied: { name: string; result: Record<string, unknown> }[];
  skipped: string[];
}

/**
 * Runs, in name order, every migration not yet recorded in `migrations`, and records each one
 * after it succeeds. A failure stops the run (later migrations wait); the failed one is not
 * recorded, so the next run tries it again.
 */
@Injectable()
export class MigrationRunner {
  private readonly logger = new Logger('Migrations');

  constructor(
    private readonly records: MigrationRepository,
    private readonly users: UserDirectory,
    private readonly conversations: ConversationMaintenance,
    private readonly clock: Clock,
  ) {}

  async run(migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationRunSummary> {
    const ordered = [...migrations].sort((a, b) => (a.name < b.name ? -1 : 1));
    const done = await this.records.appliedNames();
    const summary: MigrationRunSummary = { applied: [], skipped: [] };
    for (const m of ordered) {
      if (done.has(m.name)) {
        summary.skipped.push(m.name);
        continue;
      }
      const result = await m.up({ users: this.users, conversations: this.conversations });
      if (await this.records.record(m.name, result, this.clock.now())) {
        summary.applied.push({ name: m.name, result });
        this.logger.log(`${m.name} : ${JSON.stringify(result)}`);
      } else {
        summary.skipped.push(m.name);
      }
    }
    return summary;
  }
}
