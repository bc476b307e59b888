import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DocumentRepository, DocumentWriteSerializer, Stored } from '../../libs/database';
import { JobInput } from './job-input.schema';

/** The only code that knows `job_inputs`. Written once by the POST that starts the job, keyed by the job id. */
@Injectable()
export class JobInputRepository extends DocumentRepository<JobInput> {
  constructor(@InjectModel(JobInput.name) inputs: Model<JobInput>, serializer: DocumentWriteSerializer) {
    super(inputs, serializer);
  }

  protected override storedId(id: string): unknown {
    return id;
  }

  /**
   * The job id is new (an ObjectId made for this job), so the insert is always the first. The
   * text is kept as base64: a file may hold any byte, and PostgreSQL (FerretDB's backend)
   * refuses a NUL character in a JSON string — the job, not the storage, must judge the file.
   */
  async store(id: string, text: string, requestedBy: string | null): Promise<void> {
    const stored = Buffer.from(text, 'utf8').toString('base64');
    if (!(await this.insertOnce({ _id: id, text: stored, requestedBy })))
      throw new Error(`entrée du job ${id} déjà enregistrée`);
  }

  async textOf(id: string): Promise<string | null> {
    const doc = await this.model.findById(id, { text: 1 }).lean<Stored<JobInput>>();
    return doc ? Buffer.from(doc.text, 'base64').toString('utf8') : null;
  }

  async remove(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
  }
}
