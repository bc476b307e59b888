import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../../libs/http';
import { HackathonCatalog } from '../../hackathon';
import { EvaluationErrors } from '../evaluation.errors';
import { EvaluationRepository } from '../evaluation.repository';
import { labelOf } from '../note-scale';

/**
 * A student's grades and feedback in one hackathon, once the admin published them. Examiners
 * stay behind "Examinateur N" (numbered per conversation, in grading order): never an id or a name.
 */
@Injectable()
export class MyResultsUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly evaluations: EvaluationRepository,
  ) {}

  async execute(hackathonId: string, caller: AuthUser) {
    const h = await this.hackathons.getForParticipation(hackathonId, { studentId: caller.id });
    if (!h.resultatsPublies) throw EvaluationErrors.resultsNotPublished();
    const mine = (await this.evaluations.allOf('studentId', caller.id)).filter((e) => e.hackathonId === hackathonId);
    const byConversation = new Map<string, typeof mine>();
    for (const e of mine) byConversation.set(e.conversationId, [...(byConversation.get(e.conversationId) ?? []), e]);
    const conversations = [...byConversation].map(([conversationId, list]) => {
      const graded = [...list].sort((a, b) => (a.gradedAt ?? '').localeCompare(b.gradedAt ?? ''));
      const moyenne = Math.round((graded.reduce((n, e) => n + e.note, 0) / graded.length) * 100) / 100;
      return {
        conversationId,
        tacheId: graded[0].tacheId,
        moyenne,
        evaluations: graded.map((e, i) => ({
          note: e.note,
          label: labelOf(e.note),
          comment: e.comment,
          gradedAt: e.gradedAt,
          examinateur: `Examinateur ${i + 1}`,
        })),
      };
    });
    return { hackathonId, conversations };
  }
}
