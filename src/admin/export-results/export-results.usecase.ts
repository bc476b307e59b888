import { Injectable } from '@nestjs/common';
import type { ExportResultsJob, ProgressReporter } from '../../../libs/queue';
import { ConversationMaintenance } from '../../conversation';
import { EvaluationPrivacy, EvaluationResults, RankedSubmission } from '../../evaluation';
import { HackathonCatalog, HackathonView } from '../../hackathon';
import { PublicUser, UserDirectory } from '../../identity';
import { downloadUrlOf, ExportedFile, ExportRepository } from '../export.repository';
import { GradebookLine, GradebookStudent, resultRow, toCsv } from './results-csv';

/** The results export's report: the file, and how many students and final versions it holds. */
export type ExportedResults = ExportedFile & { etudiants: number; soumissions: number };

const byName = (a: GradebookStudent, b: GradebookStudent) =>
  (a.nom ?? '\uffff').localeCompare(b.nom ?? '\uffff', 'fr', { sensitivity: 'base', numeric: true }) ||
  (a.prenom ?? '').localeCompare(b.prenom ?? '', 'fr', { sensitivity: 'base', numeric: true }) ||
  a.id.localeCompare(b.id);
const candidateNumber = (s: GradebookStudent) => Number(/\d+/.exec(s.candidat ?? '')?.[0] ?? Infinity);

/**
 * A hackathon's gradebook as one CSV: every student of the class — the roster for
 * `acces: "liste"`; for `"tous"` everyone with a conversation there (and anyone imported into its
 * roster) — and anyone who submitted, one row per task with `soumis` oui/non, a submitted task
 * carrying its grades, comments and leaderboard rank (the evaluation context's ranked results).
 * Rows go by name (by pseudonym with `pseudonymes: true`, which writes no identity). For the
 * admin it names the students by default — anonymous hackathons too: anonymity protects
 * students from examiners, not from the school. Unknown hackathon: the hackathon context's
 * `404 HACKATHON_NOT_FOUND`, a final failure.
 */
@Injectable()
export class ExportResultsUseCase {
  constructor(
    private readonly results: EvaluationResults,
    private readonly hackathons: HackathonCatalog,
    private readonly conversations: ConversationMaintenance,
    private readonly users: UserDirectory,
    private readonly privacy: EvaluationPrivacy,
    private readonly exports: ExportRepository,
  ) {}

  async execute(data: ExportResultsJob, jobId: string, progress: ProgressReporter): Promise<ExportedResults> {
    const hackathon = await this.hackathons.viewOf(data.hackathonId);
    const [board, comments, classIds] = await Promise.all([
      this.results.of(data.hackathonId, { role: 'admin' }),
      this.results.commentsOf(data.hackathonId),
      this.classOf(hackathon),
    ]);
    await progress(40);
    const pseudonymes = data.pseudonymes === true;
    const submissions = new Map<string, RankedSubmission[]>();
    for (const item of board.items) {
      // The admin's view always names the student (CandidateIdentity): `studentId` is there.
      if (item.anonymous) continue;
      submissions.set(item.studentId, [...(submissions.get(item.studentId) ?? []), item]);
    }
    const students = await this.studentsOf(hackathon.id, [...new Set([...classIds, ...submissions.keys()])], {
      pseudonymes,
      submitted: submissions,
    });
    await progress(70);
    const titles = new Map(hackathon.taches.map((t) => [t.id, t.titre]));
    const lines: GradebookLine[] = students.flatMap((student) => {
      const mine = submissions.get(student.id) ?? [];
      // The hackathon's tasks in order, then any task only a submission still names.
      const taskIds = [...new Set([...hackathon.taches.map((t) => t.id), ...mine.map((s) => s.tacheId)])];
      return taskIds.flatMap((tacheId): GradebookLine[] => {
        const done = mine.filter((s) => s.tacheId === tacheId);
        const base = { student, tacheId, tache: titles.get(tacheId) ?? null };
        if (!done.length) return [{ ...base, submission: null, comments: [] }];
        return done.map((s) => ({ ...base, submission: s, comments: comments.get(s.conversationId) ?? [] }));
      });
    });
    const csv = toCsv(lines.map((line) => resultRow(line, pseudonymes, hackathon.nom)));
    const filename = `resultats-${data.hackathonId}.csv`;
    const exportId = await this.exports.save(
      {
        jobId,
        kind: 'results',
        hackathonId: data.hackathonId,
        filename,
        contentType: 'text/csv; charset=utf-8',
        rows: lines.length,
        requestedBy: data.requestedBy,
      },
      [csv],
    );
    await progress(95);
    return {
      hackathonId: data.hackathonId,
      exportId,
      rows: lines.length,
      etudiants: students.length,
      soumissions: board.items.length,
      pseudonymes,
      filename,
      downloadUrl: downloadUrlOf(exportId),
    };
  }

  /** The class: the roster for `liste`; for `tous`, who has a conversation there, and the roster too. */
  private async classOf(h: HackathonView): Promise<string[]> {
    const roster = (await this.hackathons.participantsOf(h.id)).filter((p) => p.onRoster).map((p) => p.studentId);
    if (h.acces === 'liste') return roster;
    return [...new Set([...roster, ...(await this.conversations.studentsWithConversationIn(h.id))])];
  }

  /** The students as the file names them, in its order: by name, or by pseudonym number. */
  private async studentsOf(
    hackathonId: string,
    ids: string[],
    { pseudonymes, submitted }: { pseudonymes: boolean; submitted: Map<string, RankedSubmission[]> },
  ): Promise<GradebookStudent[]> {
    const [users, pseudonyms] = await Promise.all([
      this.users.findManyByIds(ids),
      // Everyone gets a pseudonym when the file shows only those; else only who submitted has one.
      pseudonymes ? this.privacy.pseudonymsOf(hackathonId, ids) : Promise.resolve(new Map<string, string>()),
    ]);
    const byId = new Map(users.map((u) => [u.id, u]));
    const students = ids
      .filter((id) => byId.has(id) || submitted.has(id))
      .map((id) => toStudent(id, byId.get(id) ?? null, pseudonyms.get(id) ?? submitted.get(id)?.[0]?.candidat ?? null));
    return pseudonymes
      ? students.sort((a, b) => candidateNumber(a) - candidateNumber(b) || a.id.localeCompare(b.id))
      : students.sort(byName);
  }
}

/** A student of the file; a deleted account (kept for its submission) has no names. */
function toStudent(id: string, user: PublicUser | null, candidat: string | null): GradebookStudent {
  const groupId = user?.profilEtudiant?.groupId;
  return {
    id,
    prenom: user?.prenom ?? null,
    nom: user?.nom ?? null,
    email: user?.email ?? null,
    numeroEtudiant: user?.numeroEtudiant ?? null,
    groupId: typeof groupId === 'string' && groupId ? groupId : null,
    candidat,
  };
}
