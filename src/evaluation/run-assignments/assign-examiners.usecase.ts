import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { AssignExaminersJob, JobQueue } from '../../../libs/queue';
import { HackathonCatalog, HackathonParticipation } from '../../hackathon';
import { SubmissionCatalog } from '../../conversation';
import { UserDirectory } from '../../identity';
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
 * The `admin/assign-examiners` job. Runs under the hackathon's assignments lock (one run at a
 * time per hackathon, across workers); every assignment is a unique insert, so a retry or a
 * rerun never doubles one. Each examiner with new assignments gets one mail listing them.
 */
@Injectable()
export class AssignExaminersUseCase {
  private readonly logger = new Logger('AssignExaminers');

  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly submissions: SubmissionCatalog,
    private readonly assignments: AssignmentRepository,
    private readonly candidates: CandidateIdentity,
    private readonly users: UserDirectory,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  /** Admin jobs run one at a time across every worker (libs/queue), so two runs never interleave. */
  execute(
    data: AssignExaminersJob,
    runId: string,
    progress: (percent: number) => Promise<void>,
  ): Promise<AssignExaminersResult> {
    return this.run(data, runId, progress);
  }

  private async run(
    { hackathonId, examinersPerSubmission: k }: AssignExaminersJob,
    runId: string,
    progress: (p: number) => Promise<void>,
  ) {
    const hackathon = await this.hackathons.getForParticipation(hackathonId);
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
        plan.slice(i, i + BATCH).map((a) => {
          const s = byId.get(a.conversationId)!;
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
    const mails = await this.mailExaminers(hackathon, created, runId);
    await progress(100);
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

  /** One mail per examiner listing this run's assignments; the mail job id makes retries harmless. */
  private async mailExaminers(
    hackathon: HackathonParticipation,
    created: AssignmentRecord[],
    runId: string,
  ): Promise<number> {
    const byExaminer = new Map<string, AssignmentRecord[]>();
    for (const a of created) byExaminer.set(a.examinerId, [...(byExaminer.get(a.examinerId) ?? []), a]);
    if (!byExaminer.size) return 0;
    const examiners = new Map((await this.users.findManyByIds([...byExaminer.keys()])).map((u) => [u.id, u]));
    const tasks = new Map(hackathon.taches.map((t) => [t.id, t.titre]));
    let sent = 0;
    for (const [examinerId, list] of byExaminer) {
      const examiner = examiners.get(examinerId);
      if (!examiner) continue;
      // The examiner's own view: pseudonyms only when the hackathon is anonymous.
      const who = await this.candidates.viewsOf(
        list,
        { id: examinerId, email: examiner.email, role: 'examiner' },
        new Map([[hackathon.id, hackathon]]),
      );
      const lines = list.map((a, i) => {
        const w = who[i];
        const name = w.anonymous || !w.student ? w.candidat : `${w.student.prenom} ${w.student.nom}`;
        return `- ${name} — tâche « ${tasks.get(a.tacheId ?? '') ?? a.tacheId ?? '?'} » — soumis le ${a.soumisLe} — soumission ${a.conversationId}`;
      });
      await this.jobs.enqueue(
        'mail',
        'send-mail',
        {
          to: examiner.email,
          subject: `[Prompt Challenge] ${list.length} soumission(s) à évaluer — ${hackathon.nom}`,
          text:
            `Bonjour ${examiner.prenom},\n\n` +
            `${list.length} nouvelle(s) soumission(s) du hackathon « ${hackathon.nom} » vous sont attribuées :\n\n` +
            `${lines.join('\n')}\n\n` +
            `Retrouvez-les dans votre file d’évaluation (GET /api/v1/assignments/mine?status=pending).\n`,
          kind: 'grading-assignments',
        },
        { jobId: `assign-mail-${runId}-${examinerId}` },
      );
      sent++;
    }
    return sent;
  }
}
