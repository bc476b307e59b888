import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../libs/http';
import { JobQueue } from '../../../libs/queue';
import { HackathonCatalog } from '../../hackathon';
import { EvaluationErrors } from '../evaluation.errors';

/** Checks what can be checked now (hackathon, k ≤ jury size), then queues the job. */
@Injectable()
export class RunAssignmentsUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly jobs: JobQueue,
  ) {}

  async execute(hackathonId: string, k: number, caller: AuthUser): Promise<{ jobId: string }> {
    await this.hackathons.getForParticipation(hackathonId);
    const attached = (await this.hackathons.juryOf(hackathonId)).length;
    if (k > attached) throw EvaluationErrors.notEnoughExaminers(k, attached);
    const job = await this.jobs.enqueue('admin', 'assign-examiners', {
      hackathonId,
      examinersPerSubmission: k,
      requestedBy: caller.id,
    });
    return { jobId: String(job.id) };
  }
}
