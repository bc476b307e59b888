import { Injectable } from '@nestjs/common';
import { AuthUser, pageOf, skipOf } from '../../../libs/http';
import { AssignmentRepository } from '../assignment.repository';
import { CandidateIdentity } from '../candidate-identity';
import { MyAssignmentsQuery } from './my-assignments.dto';

/** The examiner's grading queue: pending first, then oldest assignment, earliest submission. */
@Injectable()
export class MyAssignmentsUseCase {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly candidates: CandidateIdentity,
  ) {}

  async execute(caller: AuthUser, q: MyAssignmentsQuery) {
    const { items, total } = await this.assignments.listMine(
      caller.id,
      { status: q.status, hackathonId: q.hackathonId?.toLowerCase() },
      skipOf(q),
      q.limit,
    );
    const hackathons = await this.candidates.hackathonsById(items.map((a) => a.hackathonId));
    const who = await this.candidates.viewsOf(items, caller, hackathons);
    return pageOf(
      items.map((a, i) => {
        const h = hackathons.get(a.hackathonId);
        return {
          id: a.id,
          conversationId: a.conversationId,
          hackathon: { id: a.hackathonId, nom: h?.nom ?? null, anonymatActif: h?.anonymatActif ?? true },
          tache: { id: a.tacheId, titre: h?.taches.find((t) => t.id === a.tacheId)?.titre ?? null },
          status: a.status,
          assignedAt: a.assignedAt,
          soumisLe: a.soumisLe,
          doneAt: a.doneAt,
          evaluationId: a.evaluationId,
          ...who[i],
        };
      }),
      total,
      q,
    );
  }
}
