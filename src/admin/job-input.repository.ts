import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { JobInput } from './job-input.schema';

/** The only code that knows `job_inputs`. Written once by the POST that starts the job. */
@Injectable()
export class JobInputRepository {
  constructor(@InjectModel(JobInput.name) private readonly inputs: Model<JobInput>) {}

  async store(id: string, text: string, requestedBy: string | null): Promise<void> {
    await this.inputs.create({ _id: id, text, requestedBy });
  }

  async textOf(id: string): Promise<string | null> {
    const doc = await this.inputs.findById(id, { text: 1 }).lean();
    return doc?.text ?? null;
  }

  async remove(id: string): Promise<void> {
    await this.inputs.deleteOne({ _id: id });
  }
}
