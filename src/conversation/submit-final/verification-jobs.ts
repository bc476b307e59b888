import { Injectable } from '@nestjs/common';
import { JobQueue } from '../../../libs/queue';

/**
 * The job id of one run of a submission's checks: `verify-<conversationId>-<run>` — `0` at
 * submission, the admin job's id for a re-run. BullMQ keeps one job per id, so queueing a run
 * twice queues it once.
 */
export const verifyJobId = (conversationId: string, run = '0') => `verify-${conversationId}-${run}`;

/** BullMQ runs jobs without a priority first, then prioritized ones (1 before 2...). */
const VERIFY_PRIORITY = 10;

/** Queues the replay of a final version's checks on the AI queue (its retries resume the replay). */
@Injectable()
export class VerificationJobs {
  constructor(private readonly jobs: JobQueue) {}

  async enqueue(conversationId: string, hackathonId: string, run = '0'): Promise<string> {
    const job = await this.jobs.enqueue(
      'ai',
      'verify-submission',
      { conversationId, hackathonId },
      // Behind the students' replies on the shared AI queue: a class submitting at once must not
      // make the others wait for their answers.
      { jobId: verifyJobId(conversationId, run), priority: VERIFY_PRIORITY },
    );
    return String(job.id);
  }
}
