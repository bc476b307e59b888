import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DocumentRepository, DocumentWriteSerializer, isoDate, isoDateOf, Stored } from '../database';
import { JobReport } from './job-report.schema';
import { JobReportView } from './job-report.response';

export type { JobReportView };

function toView(d: Stored<JobReport>): JobReportView {
  return {
    id: String(d._id),
    name: d.name,
    state: d.state,
    progress: d.progress ?? 0,
    result: d.result ?? null,
    failedReason: d.failedReason ?? null,
    requestedBy: d.requestedBy ?? null,
    attempts: d.attempts ?? 0,
    createdAt: isoDateOf(d.createdAt),
    startedAt: isoDate(d.startedAt),
    finishedAt: isoDate(d.finishedAt),
  };
}

/**
 * The reports of reported jobs (`job_reports`). Written when the job is queued, then by the
 * one worker running it: state, progress that only rises, then the result and 100 % in one
 * write (a report never shows done without its result), or the failure.
 */
@Injectable()
export class JobReports extends DocumentRepository<JobReport> {
  constructor(@InjectModel(JobReport.name) reports: Model<JobReport>, serializer: DocumentWriteSerializer) {
    super(reports, serializer);
  }

  protected override storedId(id: string): unknown {
    return id;
  }

  async create(id: string, name: string, requestedBy: string | null): Promise<void> {
    await this.model.create({ _id: id, name, state: 'waiting', progress: 0, result: null, requestedBy });
  }

  async remove(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
  }

  async findById(id: string): Promise<JobReportView | null> {
    const d = await this.model.findById(id).lean<Stored<JobReport>>();
    return d ? toView(d) : null;
  }

  /** Newest first, optionally of one job name. */
  async list(
    name: string | undefined,
    skip: number,
    limit: number,
  ): Promise<{ items: JobReportView[]; total: number }> {
    const q = name ? { name } : {};
    const [docs, total] = await Promise.all([
      this.model.find(q).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit).lean<Stored<JobReport>[]>(),
      this.model.countDocuments(q),
    ]);
    return { items: docs.map(toView), total };
  }

  /** A run starts; a scheduled run, which nobody queued by hand, gets its report here. */
  async started(id: string, name: string, requestedBy: string | null, attempt: number, at: Date): Promise<void> {
    const updated = await this.update(id, {
      $set: { state: 'active', attempts: attempt, startedAt: at, failedReason: null },
    });
    if (!updated)
      await this.model
        .create({
          _id: id,
          name,
          requestedBy,
          state: 'active',
          progress: 0,
          result: null,
          attempts: attempt,
          startedAt: at,
        })
        .catch(() => this.update(id, { $set: { state: 'active', attempts: attempt, startedAt: at } }));
  }

  async progressed(id: string, progress: number): Promise<void> {
    await this.update(id, { $set: { progress } }, { progress: { $lt: progress } });
  }

  async completed(id: string, result: unknown, at: Date): Promise<void> {
    await this.update(id, {
      $set: { state: 'completed', progress: 100, result: result ?? null, failedReason: null, finishedAt: at },
    });
  }

  /** `final` false: BullMQ will try again, the report waits for it. */
  async failed(id: string, reason: string, final: boolean, at: Date): Promise<void> {
    await this.update(id, {
      $set: { state: final ? 'failed' : 'waiting', failedReason: reason, finishedAt: final ? at : null },
    });
  }
}
