import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DocumentRepository, DocumentWriteSerializer, Stored } from '../../libs/database';
import { MigrationRecord } from './migration.schema';

/** The only code that knows `migrations`: records are inserted once and never changed. */
@Injectable()
export class MigrationRepository extends DocumentRepository<MigrationRecord> {
  constructor(@InjectModel(MigrationRecord.name) records: Model<MigrationRecord>, serializer: DocumentWriteSerializer) {
    super(records, serializer);
  }

  async appliedNames(): Promise<Set<string>> {
    const docs = await this.model.find({}, { name: 1 }).lean<Stored<MigrationRecord>[]>();
    return new Set(docs.map((d) => d.name));
  }

  /** Records a migration as applied; false when another runner recorded it first (unique name). */
  record(name: string, result: unknown, at: Date): Promise<boolean> {
    return this.insertOnce({ name, result, appliedAt: at });
  }
}
