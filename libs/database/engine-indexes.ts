import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, IndexDefinition, IndexOptions } from 'mongoose';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../config/env.schema';
import { databaseOf, DatabaseEngine } from './database-engine';

export interface EngineIndexReport {
  backend: 'postgresql' | 'sqlite' | 'none';
  created: string[];
  existing: string[];
  failed: { name: string; error: string }[];
}

/** One index FerretDB's reads can use: on `table` (FerretDB's table of `collection`), over `field`. */
export interface EngineIndexPlan {
  collection: string;
  table: string;
  field: string;
  name: string;
  sql: string;
}

/** PostgreSQL identifiers are at most 63 bytes; FerretDB's own names end in `_idx`, ours in `_gin`. */
export function ginIndexName(table: string, field: string): string {
  const hash = createHash('sha1').update(`${table}\0${field}`).digest('hex').slice(0, 8);
  const slug = field
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')
    .slice(0, 20);
  return `${table.slice(0, 29)}_${slug}_${hash}_gin`;
}

const sqlLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The expression FerretDB's pushed-down equality uses (internal/backends/postgresql/query.go of v1.24.2). */
export function pgFieldExpression(field: string): string {
  return `_jsonb -> ${sqlLiteral(field)}`;
}

export function ginIndexSql(schema: string, table: string, field: string): string {
  return (
    `CREATE INDEX IF NOT EXISTS ${sqlIdent(ginIndexName(table, field))} ON ${sqlIdent(schema)}.${sqlIdent(table)} ` +
    `USING gin ((${pgFieldExpression(field)}) jsonb_path_ops)`
  );
}

/** SQLite: the spelling of FerretDB's single-key `_id` lookups (internal/backends/sqlite/metadata). */
export function sqliteIdIndexSql(table: string): { name: string; sql: string } {
  const name = `${table}__id_sjson`;
  return { name, sql: `CREATE INDEX IF NOT EXISTS ${sqlIdent(name)} ON ${sqlIdent(table)} (_ferretdb_sjson->'$._id')` };
}

/** `users._id, users.email, conversations._id` → `users (_id, email) ; conversations (_id)`. */
function byCollection(labels: string[]): string {
  const groups = new Map<string, string[]>();
  for (const label of labels) {
    const dot = label.indexOf('.');
    const [collection, field] = [label.slice(0, dot), label.slice(dot + 1)];
    groups.set(collection, [...(groups.get(collection) ?? []), field]);
  }
  return [...groups].map(([c, fields]) => `${c} (${fields.join(', ')})`).join(' ; ');
}

/** Connection settings for `pg` from a postgres:// URL, without FerretDB's pool parameters. */
export function pgConnectionOf(url: string) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname || '127.0.0.1'),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    connectionTimeoutMillis: 5000,
    application_name: 'prompt-challenge-engine-indexes',
  };
}

/**
 * FerretDB v1.24.2 never uses its own indexes for reads (docs/architecture.md, "The engine here"): on
 * PostgreSQL each declared index becomes a btree over `(_jsonb -> 'field')` that the pushed
 * filter `_jsonb -> 'field' @> value` cannot use, and on SQLite only single-key `_id` filters
 * reach SQL at all. So, right after IndexBuilder, this adds what the reads can use, in the
 * backend's own database (named by the variables the launcher sets, tools/local-services.js):
 *
 * - PostgreSQL (FERRETDB_POSTGRESQL_URL): a GIN `jsonb_path_ops` index beside each top-level
 *   field of each declared index, plus `_id`, on every model's table;
 * - SQLite (FERRETDB_SQLITE_DIR): the `_ferretdb_sjson->'$._id'` index on every collection table.
 *
 * Idempotent (IF NOT EXISTS). FerretDB ignores these indexes and drops them with the table.
 * With real MongoDB (neither variable set) it does nothing.
 */
@Injectable()
export class EngineIndexBuilder {
  private readonly logger = new Logger('EngineIndexes');
  lastReport: EngineIndexReport = { backend: 'none', created: [], existing: [], failed: [] };

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly engine: DatabaseEngine,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async build(): Promise<EngineIndexReport> {
    const pgUrl = this.config.FERRETDB_POSTGRESQL_URL;
    const sqliteDir = this.config.FERRETDB_SQLITE_DIR;
    if (!pgUrl && !sqliteDir) return this.done({ backend: 'none', created: [], existing: [], failed: [] });
    if (!this.engine.isFerretDb) {
      this.logger.warn(
        `FERRETDB_POSTGRESQL_URL / FERRETDB_SQLITE_DIR ignorés : le serveur sur MONGODB_URI n'est pas FerretDB`,
      );
      return this.done({ backend: 'none', created: [], existing: [], failed: [] });
    }
    await this.ensureCollections();
    const report = pgUrl ? await this.buildPostgres(pgUrl) : await this.buildSqlite(sqliteDir ?? '');
    if (report.created.length) {
      this.logger.log(
        `${report.backend} : ${report.created.length} index créés pour les lectures de FerretDB — ${byCollection(report.created)}`,
      );
    }
    if (report.existing.length) {
      this.logger.log(`${report.backend} : ${report.existing.length} index de lecture déjà présents`);
    }
    for (const f of report.failed) this.logger.error(`échec de l'index ${f.name} : ${f.error}`);
    return this.done(report);
  }

  private done(report: EngineIndexReport): EngineIndexReport {
    this.lastReport = report;
    return report;
  }

  private get databaseName(): string {
    return databaseOf(this.connection).databaseName;
  }

  /** Every model's table must exist to be indexed; FerretDB creates one on first write otherwise. */
  private async ensureCollections(): Promise<void> {
    const existing = new Set(
      (await databaseOf(this.connection).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name),
    );
    for (const model of Object.values(this.connection.models)) {
      const name = model.collection.collectionName;
      if (existing.has(name)) continue;
      await databaseOf(this.connection)
        .createCollection(name)
        .catch((err: { code?: number }) => {
          if (err?.code !== 48) throw err; // 48: created meanwhile
        });
      existing.add(name);
    }
  }

  /**
   * Top-level fields of the declared indexes per collection, `_id` first; MongoDB-only indexes
   * left out as IndexBuilder does. Dotted paths (`magicLink.tokenHash`) are left out too: the
   * embedded FerretDB never pushes them down (EnableNestedPushdown is off), so no index helps.
   */
  private fieldsByCollection(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const model of Object.values(this.connection.models)) {
      const collection = model.collection.collectionName;
      const fields = new Set<string>(out.get(collection) ?? ['_id']);
      for (const [keys, options] of model.schema.indexes() as [IndexDefinition, IndexOptions][]) {
        const engineSpecific = options.expireAfterSeconds !== undefined || Object.values(keys).includes('text');
        if (engineSpecific) continue;
        for (const field of Object.keys(keys)) if (!field.includes('.')) fields.add(field);
      }
      out.set(collection, [...fields]);
    }
    return out;
  }

  /** The indexes to create on PostgreSQL, given FerretDB's collection → table map. */
  planPostgres(tables: Map<string, string>): EngineIndexPlan[] {
    const plans: EngineIndexPlan[] = [];
    const declared = this.fieldsByCollection();
    for (const [collection, table] of tables) {
      // Collections no model declares (created by hand, by a migration) still get `_id`.
      const fields = declared.get(collection) ?? ['_id'];
      for (const field of fields) {
        plans.push({
          collection,
          table,
          field,
          name: ginIndexName(table, field),
          sql: ginIndexSql(this.databaseName, table, field),
        });
      }
    }
    return plans;
  }

  private async buildPostgres(url: string): Promise<EngineIndexReport> {
    const report: EngineIndexReport = { backend: 'postgresql', created: [], existing: [], failed: [] };
    // Loaded lazily: only FerretDB-on-PostgreSQL runs need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Client } = require('pg') as typeof import('pg');
    const client = new Client(pgConnectionOf(url));
    await client.connect();
    try {
      const schema = this.databaseName;
      const { rows } = await client.query<{ collection: string; table: string }>(
        `SELECT _jsonb->>'_id' AS collection, _jsonb->>'table' AS table FROM ${sqlIdent(schema)}._ferretdb_database_metadata`,
      );
      const tables = new Map(rows.map((r) => [r.collection, r.table]));
      const present = new Set(
        (
          await client.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1', [schema])
        ).rows.map((r) => r.indexname),
      );
      const touched = new Set<string>();
      for (const plan of this.planPostgres(tables)) {
        const label = `${plan.collection}.${plan.field}`;
        if (present.has(plan.name)) {
          report.existing.push(label);
          continue;
        }
        try {
          await client.query(plan.sql);
          report.created.push(label);
          touched.add(plan.table);
        } catch (err) {
          const e = err as { code?: string; message?: string };
          // Two processes starting at once: the other one created it.
          if (e.code === '42P07' || e.code === '23505') report.existing.push(label);
          else report.failed.push({ name: `${label} (${plan.name})`, error: e.message ?? String(err) });
        }
      }
      // Fresh statistics so the planner weighs the new indexes now, not at the next autovacuum.
      for (const table of touched) await client.query(`ANALYZE ${sqlIdent(schema)}.${sqlIdent(table)}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    return report;
  }

  private async buildSqlite(dir: string): Promise<EngineIndexReport> {
    const report: EngineIndexReport = { backend: 'sqlite', created: [], existing: [], failed: [] };
    const file = join(dir, `${this.databaseName}.sqlite`);
    if (!existsSync(file)) {
      report.failed.push({ name: file, error: 'fichier SQLite de FerretDB introuvable (FERRETDB_SQLITE_DIR ?)' });
      return report;
    }
    let Database: typeof import('better-sqlite3');
    try {
      // Optional dependency, loaded lazily: only FerretDB-on-SQLite runs need it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Database = require('better-sqlite3');
    } catch (err) {
      report.failed.push({ name: 'better-sqlite3', error: `module absent (${(err as Error).message})` });
      return report;
    }
    const db = new Database(file, { fileMustExist: true });
    try {
      // FerretDB writes to the same file (WAL): wait for its locks rather than fail.
      db.pragma('busy_timeout = 10000');
      const tables = db.prepare('SELECT name, table_name FROM _ferretdb_collections').all() as {
        name: string;
        table_name: string;
      }[];
      const present = new Set(
        (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map(
          (r) => r.name,
        ),
      );
      for (const { name: collection, table_name: table } of tables) {
        const { name, sql } = sqliteIdIndexSql(table);
        const label = `${collection}._id`;
        if (present.has(name)) {
          report.existing.push(label);
          continue;
        }
        try {
          db.exec(sql);
          report.created.push(label);
        } catch (err) {
          report.failed.push({ name: `${label} (${name})`, error: (err as Error).message });
        }
      }
    } finally {
      db.close();
    }
    return report;
  }
}
