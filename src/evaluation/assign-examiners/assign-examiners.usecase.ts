import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { AssignExaminersJob, JobQueue, ProgressReporter } from '../../../libs/queue';
import { HackathonCatalog } from '../../hackathon';
import { SubmissionCatalog } from '../../conversation';
import { AssignmentRecord, AssignmentRepository } from '../assignment.repository';
import { CandidateIdentity } from '../candidate-identity';
import { EvaluationErrors } from '../evaluation.errors';
import { planAssignments } from './assignment-plan';

export interface AssignExaminersResult {
  hackathonId: string;
  submissions: number;
  examiners: number;
  examinersPerSubmission: number;
  /** Assignments this run created (a retried run counts those of its earlier attempts too). */
  created: number;
  mails: number;
}

const BATCH = 25;

/**
 * The `admin/assign-examiners` job. Admin jobs run one at a time across every worker
 * (libs/queue), so two runs never interleave; every assignment is a unique insert besides, so
 * a retry or a rerun never doubles one. Each examiner with new assignments gets one mail
 * listing them.
 */
@Injectable()
export class AssignExaminersUseCase {
  private readonly logger = new Logger('AssignExaminers');

  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly submissions: SubmissionCatalog,
    private readonly assignments: AssignmentRepository,
    private readonly candidates: CandidateIdentity,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async execute(
    { hackathonId, examinersPerSubmission: k }: AssignExaminersJob,
    runId: string,
    progress: ProgressReporter,
  ): Promise<AssignExaminersResult> {
    await this.hackathons.getForParticipation(hackathonId);
    const examiners = await this.hackathons.juryOf(hackathonId);
    if (k > examiners.length) throw EvaluationErrors.notEnoughExaminers(k, examiners.length);
    const submitted = await this.submissions.listSubmitted(hackathonId);
    // Pseudonyms first, in submission order: "Candidat 1" submitted first.
    await this.candidates.ensurePseudonyms(
      hackathonId,
      submitted.map((s) => s.studentId),
    );
    await progress(10);

    const plan = planAssignments({
      submissionIds: submitted.map((s) => s.id),
      examinerIds: examiners,
      k,
      existing: await this.assignments.pairsOf(hackathonId),
    });
    const byId = new Map(submitted.map((s) => [s.id, s]));
    const now = this.clock.now();
    for (let i = 0; i < plan.length; i += BATCH) {
      await Promise.all(
        plan.slice(i, i + BATCH).flatMap((a) => {
          // The plan covers only the submissions given to it.
          const s = byId.get(a.conversationId);
          if (!s) return [];
          return this.assignments.insert({
            hackathonId,
            conversationId: s.id,
            examinerId: a.examinerId,
            studentId: s.studentId,
            tacheId: s.tacheId ?? null,
            groupId: s.groupId,
            soumisLe: new Date(s.soumisLe),
            assignedAt: now,
            runId,
          });
        }),
      );
      await progress(10 + Math.round((80 * Math.min(plan.length, i + BATCH)) / plan.length));
    }

    // Each assigned examiner may read the conversation (GET /conversations/:id); idempotent.
    const readers = new Map<string, string[]>();
    for (const p of await this.assignments.pairsOf(hackathonId))
      readers.set(p.conversationId, [...(readers.get(p.conversationId) ?? []), p.examinerId]);
    for (const [conversationId, examinerIds] of readers)
      await this.submissions.grantExaminers(conversationId, examinerIds);
    await progress(92);

    const created = await this.assignments.createdByRun(hackathonId, runId);
    const mails = await this.mailExaminers(hackathonId, created, runId);
    this.logger.log({ hackathonId, runId, created: created.length, mails }, 'attributions réparties');
    return {
      hackathonId,
      submissions: submitted.length,
      examiners: examiners.length,
      examinersPerSubmission: k,
      created: created.length,
      mails,
    };
  }

  /**
   * One mail per examiner listing what this run gave them. The job names ids only (docs/architecture.md
   * invariant 9): the mail worker reads the examiner and the assignments and writes the mail.
   * Its job id makes a retried run queue each mail once.
   */
  private async mailExaminers(hackathonId: string, created: AssignmentRecord[], runId: string): Promise<number> {
    const examinerIds = [...new Set(created.map((a) => a.examinerId))];
    for (const examinerId of examinerIds)
      await this.jobs.enqueue(
        'mail',
        'send-grading-assignments',
        { examinerId, hackathonId, runId },
        { jobId: `assign-mail-${runId}-${examinerId}` },
      );
    return examinerIds.length;
  }
}
