import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { JobReport, JobReportState } from './job-report.schema';

export interface JobReportView {
  id: string;
  name: string;
  state: JobReportState;
  progress: number;
  result: unknown;
  failedReason: string | null;
  requestedBy: string | null;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

function toView(d: any): JobReportView {
  return {
    id: String(d._id),
    name: d.name,
    state: d.state,
    progress: d.progress ?? 0,
    result: d.result ?? null,
    failedReason: d.failedReason ?? null,
    requestedBy: d.requestedBy ?? null,
    attempts: d.attempts ?? 0,
    startedAt: iso(d.startedAt),
    finishedAt: iso(d.finishedAt),
    createdAt: iso(d.createdAt)!,
    updatedAt: iso(d.updatedAt)!,
  };
}

/**
 * The only code that knows `job_reports`. One report is written by the POST that creates it,
 * then by the one worker running its job (BullMQ runs a job in one place at a time).
 */
@Injectable()
export class JobReportRepository {
  constructor(@InjectModel(JobReport.name) private readonly reports: Model<JobReport>) {}

  async create(id: string, name: string, requestedBy: string | null): Promise<void> {
    await this.reports.create({
      _id: id,
      name,
      state: 'waiting',
      progress: 0,
      result: null,
      failedReason: null,
      requestedBy,
    });
  }

  async remove(id: string): Promise<void> {
    await this.reports.deleteOne({ _id: id });
  }

  async findById(id: string): Promise<JobReportView | null> {
    const d = await this.reports.findById(id).lean();
    return d ? toView(d) : null;
  }

  /** A run starts (the report is created here for scheduled runs, which no POST announced). */
  async started(id: string, name: string, requestedBy: string | null, attempt: number, at: Date): Promise<void> {
    await this.reports.updateOne(
      { _id: id },
      {
        $set: { state: 'active', attempts: attempt, startedAt: at, failedReason: null },
        $setOnInsert: { name, requestedBy, progress: 0, result: null },
      },
      { upsert: true },
    );
  }

  async progressed(id: string, progress: number): Promise<void> {
    await this.reports.updateOne({ _id: id }, { $set: { progress } });
  }

  async completed(id: string, result: unknown, at: Date): Promise<void> {
    await this.reports.updateOne(
      { _id: id },
      { $set: { state: 'completed', progress: 100, result, failedReason: null, finishedAt: at } },
    );
  }

  /** `final` false: BullMQ will try again, the report waits for it. */
  async failed(id: string, reason: string, final: boolean, at: Date): Promise<void> {
    await this.reports.updateOne(
      { _id: id },
      { $set: { state: final ? 'failed' : 'waiting', failedReason: reason, finishedAt: final ? at : null } },
    );
  }
}
