import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MigrationRecord } from './migration.schema';

/** The only code that knows `migrations`. */
@Injectable()
export class MigrationRepository {
  constructor(@InjectModel(MigrationRecord.name) private readonly records: Model<MigrationRecord>) {}

  async appliedNames(): Promise<Set<string>> {
    const docs = await this.records.find({}, { name: 1 }).lean();
    return new Set(docs.map((d) => d.name));
  }

  /** Records a migration as applied; false when another runner recorded it first. */
  async record(name: string, result: unknown, at: Date): Promise<boolean> {
    try {
      await this.records.create({ name, result, appliedAt: at });
      return true;
    } catch (err: any) {
      if (err?.code === 11000) return false;
      throw err;
    }
  }
}
