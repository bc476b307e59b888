import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../../libs/http';
import { SubmissionCatalog } from '../../conversation';
import { HackathonCatalog } from '../../hackathon';
import { classStanding, examinerPseudonyms } from '../class-standing';
import { EvaluationErrors } from '../evaluation.errors';
import type { MyResults } from '../evaluation.response';
import { EvaluationRepository } from '../evaluation.repository';
import { labelOf } from '../note-scale';
import { round2 } from '../ranking';

/**
 * A student's grades and feedback in one hackathon, once the admin published them, with where
 * the class stands (mean, graded count, the student's rank: class-standing.ts). Examiners stay
 * behind "Examinateur N", numbered once for the whole hackathon (the same examiner has the same
 * number on every copy): never an id or a name. A student with nothing graded gets the class
 * figures and an empty list. Graded submissions of tasks with automatic checks also carry their
 * checks as the student may see them (public cases, and the score now that results are out);
 * an ungraded one shows them on GET /conversations/:id.
 */
@Injectable()
export class MyResultsUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly evaluations: EvaluationRepository,
    private readonly submissions: SubmissionCatalog,
  ) {}

  async execute(hackathonId: string, caller: AuthUser): Promise<MyResults> {
    const h = await this.hackathons.getForParticipation(hackathonId, { studentId: caller.id });
    if (!h.resultatsPublies) throw EvaluationErrors.resultsNotPublished();
    const [all, checks] = await Promise.all([
      this.evaluations.allOfHackathon(hackathonId),
      this.submissions.checksOfStudent(hackathonId, caller.id, true),
    ]);
    const checksOf = new Map(checks.map((c) => [c.conversationId, c]));
    const examiners = examinerPseudonyms(all);
    const byConversation = new Map<string, typeof all>();
    for (const e of all.filter((x) => x.studentId === caller.id))
      byConversation.set(e.conversationId, [...(byConversation.get(e.conversationId) ?? []), e]);
    const conversations = [...byConversation].map(([conversationId, list]) => {
      const graded = [...list].sort((a, b) => a.gradedAt.localeCompare(b.gradedAt) || a.id.localeCompare(b.id));
      return {
        conversationId,
        tacheId: graded[0].tacheId,
        moyenne: round2(graded.reduce((n, e) => n + e.note, 0) / graded.length),
        evaluations: graded.map((e) => ({
          note: e.note,
          label: labelOf(e.note),
          comment: e.comment,
          gradedAt: e.gradedAt,
          examinateur: examiners.get(e.examinerId) ?? 'Examinateur',
        })),
        ...(checksOf.has(conversationId) ? { verification: checksOf.get(conversationId)?.verification } : {}),
      };
    });
    return { hackathonId, classe: classStanding(all, caller.id), conversations };
  }
}
