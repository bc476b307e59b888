import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, IndexDefinition, IndexOptions, mongo } from 'mongoose';
import { AppConfig } from '../../config/env.schema';
import { DatabaseEngine } from './database-engine';
import { EngineIndexBuilder } from './engine-indexes';

export interface IndexReport {
  built: string[];
  skipped: string[];
  failed: { name: string; error: string }[];
}

function indexName(fields: IndexDefinition, options: IndexOptions): string {
  return (
    options.name ??
    Object.entries(fields)
      .map(([k, v]) => `${k}_${v}`)
      .join('_')
  );
}

/**
 * Mongoose swallows index build errors (autoIndex), so every model's indexes are built here,
 * explicitly, at start. Indexes that only MongoDB has (TTL, text) are skipped on FerretDB
 * with one warning; nothing may depend on them anyway. Then, on FerretDB, the indexes its
 * reads can actually use are added in its backend (EngineIndexBuilder, engine-indexes.ts).
 */
@Injectable()
export class IndexBuilder implements OnApplicationBootstrap {
  private readonly logger = new Logger('IndexBuilder');
  lastReport: IndexReport = { built: [], skipped: [], failed: [] };

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly engine: DatabaseEngine,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly engineIndexes: EngineIndexBuilder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const report = await this.buildAll();
    try {
      report.failed.push(...(await this.engineIndexes.build()).failed);
    } catch (err) {
      // Backend unreachable or unreadable: logged; the reads still work, only slower.
      const error = err instanceof Error ? err.message : String(err);
      this.logger.error(`index de lecture de FerretDB non créés : ${error}`);
      report.failed.push({ name: 'index de lecture de FerretDB', error });
    }
    if (report.skipped.length) {
      this.logger.warn(
        `${this.engine.kind} ${this.engine.ferretdbVersion ?? this.engine.version}: index(es) spécifiques à MongoDB ignorés : ${report.skipped.join(', ')}`,
      );
    }
    if (report.failed.length && this.config.NODE_ENV === 'test') {
      throw new Error(`index build failed: ${report.failed.map((f) => `${f.name} (${f.error})`).join(', ')}`);
    }
  }

  async buildAll(): Promise<IndexReport> {
    const report: IndexReport = { built: [], skipped: [], failed: [] };
    for (const model of Object.values(this.connection.models)) {
      const collection = model.collection.collectionName;
      for (const [fields, options] of model.schema.indexes()) {
        const name = `${collection}.${indexName(fields, options)}`;
        const engineSpecific = options.expireAfterSeconds !== undefined || Object.values(fields).includes('text');
        if (engineSpecific && !this.engine.supportsTtlAndTextIndexes) {
          report.skipped.push(name);
          continue;
        }
        try {
          await model.collection.createIndex(fields as mongo.IndexSpecification, options as mongo.CreateIndexesOptions);
          report.built.push(name);
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          this.logger.error(`échec de construction de l'index ${name} : ${error}`);
          report.failed.push({ name, error });
        }
      }
    }
    this.lastReport = report;
    return report;
  }
}
