import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../libs/http';
import { JobAccepted, JobQueue, ProgressReporter, RerunVerificationsJob } from '../../../libs/queue';
import { HackathonCatalog } from '../../hackathon';
import { REPLAY_PARALLELISM, ReplayRetryLater } from '../../verification';
import { ConversationRepository } from '../conversation.repository';
import { VerificationJobs } from '../submit-final/verification-jobs';
import { VerifySubmissionUseCase } from '../submit-final/verify-submission.usecase';

/** The re-run job's report (GET /admin/jobs/:id `result`). */
export interface RerunVerificationsReport {
  /** Submissions of tasks with checks. */
  total: number;
  terminees: number;
  budgetEpuise: number;
  echecs: number;
  /** Left to the AI queue (the provider was busy): their own jobs go on. */
  reprises: number;
}

/** How many submissions the re-run replays at once (each with REPLAY_PARALLELISM calls at most). */
const SUBMISSIONS_AT_ONCE = 2;

/** `POST /hackathons/:id/verifications` (admin): checks the hackathon exists, queues the re-run. */
@Injectable()
export class StartVerificationsUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly jobs: JobQueue,
  ) {}

  async execute(hackathonId: string, caller: AuthUser): Promise<JobAccepted> {
    await this.hackathons.viewOf(hackathonId);
    const job = await this.jobs.enqueue('admin', 'rerun-verifications', { hackathonId, requestedBy: caller.id });
    return { jobId: String(job.id) };
  }
}

/**
 * Re-runs the checks of every submission of a hackathon whose task has checks (after a task's
 * `verification` changed, or the budget was raised): each one as its own job would
 * (VerifySubmissionUseCase), so runs already recorded for the same prompt and checks are kept
 * and not charged again, and a submission stopped by the budget goes on where it stopped.
 * Progress is the share of submissions done.
 */
@Injectable()
export class RerunVerificationsUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
    private readonly verify: VerifySubmissionUseCase,
    private readonly checks: VerificationJobs,
  ) {}

  async execute(
    data: RerunVerificationsJob,
    jobId: string,
    progress: ProgressReporter,
  ): Promise<RerunVerificationsReport> {
    const h = await this.hackathons.viewOf(data.hackathonId);
    const withChecks = new Set(h.taches.filter((t) => t.avecVerification).map((t) => t.id));
    const submitted = (await this.conversations.listSubmitted(data.hackathonId)).filter((s) =>
      withChecks.has(s.tacheId),
    );
    const report: RerunVerificationsReport = {
      total: submitted.length,
      terminees: 0,
      budgetEpuise: 0,
      echecs: 0,
      reprises: 0,
    };
    let next = 0;
    let done = 0;
    const lane = async () => {
      while (next < submitted.length) {
        const s = submitted[next++];
        try {
          const { statut } = await this.verify.execute({ conversationId: s.id, hackathonId: data.hackathonId });
          if (statut === 'terminee') report.terminees++;
          else if (statut === 'budget_epuise') report.budgetEpuise++;
          else if (statut === 'echec') report.echecs++;
        } catch (err) {
          if (!(err instanceof ReplayRetryLater)) throw err;
          // The AI queue's retries take it from here, resuming what this run recorded.
          await this.checks.enqueue(s.id, data.hackathonId, jobId);
          report.reprises++;
        }
        await progress((++done / submitted.length) * 100);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SUBMISSIONS_AT_ONCE, submitted.length) }, lane));
    return report;
  }
}

/** Keeps REPLAY_PARALLELISM in view: at most SUBMISSIONS_AT_ONCE × REPLAY_PARALLELISM calls at once. */
export const RERUN_MAX_CALLS = SUBMISSIONS_AT_ONCE * REPLAY_PARALLELISM;
