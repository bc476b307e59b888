import { Injectable } from '@nestjs/common';
import { SubmissionCatalog } from '../conversation';
import { HackathonCatalog } from '../hackathon';
import { CandidateIdentity, CandidateView, Viewer } from './candidate-identity';
import { EvaluationRepository } from './evaluation.repository';
import { labelOf } from './note-scale';
import { RankedRow, rankSubmissions } from './ranking';

/** One submission of the ranking, with who wrote it as the viewer may see it. */
export type RankedSubmission = RankedRow & {
  label: string | null;
  tacheId: string;
  soumisLe: string;
} & CandidateView;

export interface HackathonResults {
  hackathon: { id: string; nom: string; anonymatActif: boolean; classement: { poidsNote: number; poidsScore: number } };
  totalSubmissions: number;
  items: RankedSubmission[];
}

/**
 * Every submission of a hackathon ranked by the hackathon's `classement` (mean note and checks' score; rules in ranking.ts): two reads, no
 * join. The leaderboard answers it; other contexts (the admin context's results export) read
 * it through this class, exported by the evaluation module.
 */
@Injectable()
export class EvaluationResults {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly submissions: SubmissionCatalog,
    private readonly evaluations: EvaluationRepository,
    private readonly candidates: CandidateIdentity,
  ) {}

  /** Each submission's comments, in grading order (the admin's results export). */
  async commentsOf(hackathonId: string): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const c of await this.evaluations.commentsOf(hackathonId))
      out.set(c.conversationId, [...(out.get(c.conversationId) ?? []), c.comment]);
    return out;
  }

  async of(hackathonId: string, viewer: Viewer): Promise<HackathonResults> {
    const h = await this.hackathons.getForParticipation(hackathonId);
    const [submitted, grades, { classement }] = await Promise.all([
      this.submissions.listSubmitted(hackathonId),
      this.evaluations.gradesOf(hackathonId),
      this.hackathons.viewOf(hackathonId),
    ]);
    const byId = new Map(submitted.map((s) => [s.id, s]));
    // Grades of conversations that are no longer submitted (none today) are ranked with nothing.
    const rows = rankSubmissions(
      submitted.map((s) => ({
        conversationId: s.id,
        soumisLe: s.soumisLe,
        score: s.score,
        tokensPrompt: s.tokensPrompt,
      })),
      grades,
      classement,
    ).flatMap((r) => {
      const s = byId.get(r.conversationId);
      return s ? [{ r, s }] : [];
    });
    const who = await this.candidates.viewsOf(
      rows.map(({ s }) => ({ hackathonId, studentId: s.studentId, groupId: s.groupId })),
      viewer,
      new Map([[hackathonId, h]]),
    );
    return {
      hackathon: { id: hackathonId, nom: h.nom, anonymatActif: h.anonymatActif, classement },
      totalSubmissions: rows.length,
      items: rows.map(({ r, s }, i) => ({
        ...r,
        label: r.meanNote === null ? null : labelOf(r.meanNote),
        tacheId: s.tacheId,
        soumisLe: s.soumisLe,
        ...who[i],
      })),
    };
  }
}
