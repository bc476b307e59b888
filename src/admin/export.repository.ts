import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { DocumentRepository, DocumentWriteSerializer, isoDateOf, Stored } from '../../libs/database';
import { ResultsExport } from './export.schema';

export interface StoredExport {
  id: string;
  hackathonId: string;
  filename: string;
  csv: string;
  rows: number;
  createdAt: string;
}

type StoredResultsExport = Stored<ResultsExport>;

/** The only code that knows `exports`, and the one write path of an export. */
@Injectable()
export class ExportRepository extends DocumentRepository<ResultsExport> {
  constructor(@InjectModel(ResultsExport.name) exports: Model<ResultsExport>, serializer: DocumentWriteSerializer) {
    super(exports, serializer);
  }

  /**
   * Stores the file of one job. A retry of the same job rewrites that job's file and keeps
   * its id: the unique `jobId` lets the first insert win, a later one updates it instead.
   */
  async save(e: Omit<ResultsExport, 'createdAt'>): Promise<string> {
    if (await this.insertOnce({ ...e })) return this.idOfJob(e.jobId);
    const id = await this.idOfJob(e.jobId);
    await this.update(id, { $set: { csv: e.csv, rows: e.rows, filename: e.filename, hackathonId: e.hackathonId } });
    return id;
  }

  async findById(id: string): Promise<StoredExport | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const d = await this.model.findById(id).lean<StoredResultsExport>();
    if (!d) return null;
    return {
      id: String(d._id),
      hackathonId: d.hackathonId,
      filename: d.filename,
      csv: d.csv,
      rows: d.rows,
      createdAt: isoDateOf(d.createdAt),
    };
  }

  private async idOfJob(jobId: string): Promise<string> {
    const d = await this.model.findOne({ jobId }, { _id: 1 }).lean<StoredResultsExport>();
    if (!d) throw new Error(`export du job ${jobId} introuvable après son écriture`);
    return String(d._id);
  }
}
