import { Injectable } from '@nestjs/common';
import { JobQueue } from '../../../libs/queue';

/**
 * The job id of one run of a submission's checks: `verify-<conversationId>-<run>` — `0` at
 * submission, the admin job's id for a re-run. BullMQ keeps one job per id, so queueing a run
 * twice queues it once.
 */
export const verifyJobId = (conversationId: string, run = '0') => `verify-${conversationId}-${run}`;

/** Queues the replay of a final version's checks on the AI queue (its retries resume the replay). */
@Injectable()
export class VerificationJobs {
  constructor(private readonly jobs: JobQueue) {}

  async enqueue(conversationId: string, hackathonId: string, run = '0'): Promise<string> {
    const job = await this.jobs.enqueue(
      'ai',
      'verify-submission',
      { conversationId, hackathonId },
      { jobId: verifyJobId(conversationId, run) },
    );
    return String(job.id);
  }
}
