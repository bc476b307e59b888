import { Injectable } from '@nestjs/common';
import { JobReports, JobReportView } from '../../../libs/queue';
import { EvaluationErrors } from '../evaluation.errors';

/** An assignments job's report (kept in MongoDB by the worker host, like every admin job's). */
@Injectable()
export class GetAssignmentsJobUseCase {
  constructor(private readonly reports: JobReports) {}

  async execute(_hackathonId: string, jobId: string): Promise<JobReportView> {
    const report = /^[0-9a-fA-F]{24}$/.test(jobId) ? await this.reports.findById(jobId) : null;
    if (!report || report.name !== 'assign-examiners') throw EvaluationErrors.jobNotFound();
    return report;
  }
}
