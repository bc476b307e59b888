import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { ResultsExport } from './export.schema';

export interface StoredExport {
  id: string;
  hackathonId: string;
  filename: string;
  csv: string;
  rows: number;
  createdAt: string;
}

/** The only code that knows `exports`. */
@Injectable()
export class ExportRepository {
  constructor(@InjectModel(ResultsExport.name) private readonly exports: Model<ResultsExport>) {}

  /**
   * Stores the file of one job. A retry of the same job rewrites that job's file (a plain
   * update by `jobId`, no projection: FerretDB's findAndModify refuses one) and keeps its id.
   */
  async save(e: Omit<ResultsExport, 'createdAt'>): Promise<string> {
    const existing = await this.exports.findOne({ jobId: e.jobId }, { _id: 1 }).lean();
    if (existing) {
      await this.exports.updateOne(
        { _id: existing._id },
        { $set: { csv: e.csv, rows: e.rows, filename: e.filename, hackathonId: e.hackathonId } },
      );
      return String(existing._id);
    }
    try {
      const created = await this.exports.create(e);
      return String(created._id);
    } catch (err: any) {
      if (err?.code !== 11000) throw err;
      const again = await this.exports.findOne({ jobId: e.jobId }, { _id: 1 }).lean();
      return String(again!._id);
    }
  }

  async findById(id: string): Promise<StoredExport | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const d: any = await this.exports.findById(id).lean();
    if (!d) return null;
    return {
      id: String(d._id),
      hackathonId: d.hackathonId,
      filename: d.filename,
      csv: d.csv,
      rows: d.rows,
      createdAt: new Date(d.createdAt).toISOString(),
    };
  }
}
