import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { DocumentRepository, DocumentWriteSerializer, isoDateOf, objectId, Stored } from '../../libs/database';
import { ExportChunk, ExportFile, ExportKind } from './export.schema';

export interface StoredExport {
  id: string;
  kind: ExportKind;
  hackathonId: string;
  filename: string;
  contentType: string;
  rows: number;
  createdAt: string;
}

export interface NewExport {
  jobId: string;
  kind: ExportKind;
  hackathonId: string;
  filename: string;
  contentType: string;
  rows: number;
  requestedBy: string | null;
}

/** Content pieces of at most this many characters (well under a document's size limit). */
/** What an export job answers: its stored file and where the admin downloads it (GET, admin token). */
export interface ExportedFile {
  hackathonId: string;
  exportId: string;
  rows: number;
  pseudonymes: boolean;
  filename: string;
  downloadUrl: string;
}

/** The download route of a stored export (src/admin/download-export). */
export const downloadUrlOf = (exportId: string) => `/api/v1/admin/exports/${exportId}`;

export const EXPORT_CHUNK_CHARS = 1_000_000;

/** The only code that knows `exports` and `export_chunks`, and the one write path of an export. */
@Injectable()
export class ExportRepository extends DocumentRepository<ExportFile> {
  constructor(
    @InjectModel(ExportFile.name) exports: Model<ExportFile>,
    @InjectModel(ExportChunk.name) private readonly chunks: Model<ExportChunk>,
    serializer: DocumentWriteSerializer,
  ) {
    super(exports, serializer);
  }

  /**
   * Stores the file of one job, its content given piece by piece. A retry of the same job
   * rewrites that job's file and keeps its id: the unique `jobId` lets the first insert win.
   */
  async save(e: NewExport, content: Iterable<string> | AsyncIterable<string>): Promise<string> {
    if (!(await this.insertOnce({ ...e, chunks: 0 })))
      await this.model.updateOne({ jobId: e.jobId }, { $set: { ...e, chunks: 0 } });
    const id = await this.idOfJob(e.jobId);
    await this.chunks.deleteMany({ exportId: objectId(id) });
    let seq = 0;
    let buffer = '';
    const flush = async () => {
      await this.chunks.create({ exportId: objectId(id), seq: seq++, data: buffer });
      buffer = '';
    };
    for await (const piece of content) {
      buffer += piece;
      if (buffer.length >= EXPORT_CHUNK_CHARS) await flush();
    }
    if (buffer || seq === 0) await flush();
    await this.update(id, { $set: { chunks: seq } });
    return id;
  }

  /** The row count, known once a streamed export is written. */
  async setRows(id: string, rows: number): Promise<void> {
    await this.update(id, { $set: { rows } });
  }

  async findById(id: string): Promise<StoredExport | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const d = await this.model.findById(id).lean<Stored<ExportFile>>();
    if (!d) return null;
    return {
      id: String(d._id),
      kind: d.kind ?? 'results',
      hackathonId: d.hackathonId,
      filename: d.filename,
      contentType: d.contentType ?? 'text/csv; charset=utf-8',
      rows: d.rows,
      createdAt: isoDateOf(d.createdAt),
    };
  }

  /** The content, piece after piece (read one at a time, so a large file is never whole in memory). */
  async *contentOf(id: string): AsyncGenerator<string> {
    const meta = await this.model.findById(id, { csv: 1, chunks: 1 }).lean<Stored<ExportFile>>();
    if (!meta) return;
    if (meta.csv !== undefined && !meta.chunks) {
      yield meta.csv;
      return;
    }
    for (let seq = 0; seq < (meta.chunks ?? 0); seq++) {
      const c = await this.chunks.findOne({ exportId: objectId(id), seq }).lean<Stored<ExportChunk>>();
      if (c) yield c.data;
    }
  }

  private async idOfJob(jobId: string): Promise<string> {
    const d = await this.model.findOne({ jobId }, { _id: 1 }).lean<Stored<ExportFile>>();
    if (!d) throw new Error(`export du job ${jobId} introuvable après son écriture`);
    return String(d._id);
  }
}
