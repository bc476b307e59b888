import { Injectable } from '@nestjs/common';
import { JobReports, JobReportView } from '../../../libs/queue';
import { AdminErrors } from '../admin.errors';

/** The report of any reported job (admin jobs, assignments, scheduled runs), from MongoDB. */
@Injectable()
export class GetJobUseCase {
  constructor(private readonly reports: JobReports) {}

  async execute(id: string): Promise<JobReportView> {
    const r = await this.reports.findById(id);
    if (!r) throw AdminErrors.jobNotFound();
    return r;
  }
}
