import { Injectable } from '@nestjs/common';
import { AuthUser, PageQuery, pageOf, skipOf } from '../../../libs/http';
import { CandidateIdentity } from '../candidate-identity';
import { EvaluationRepository } from '../evaluation.repository';
import { toEvaluationView } from '../evaluation-view';

/** docs/data-model.md §8.3: the examiner's evaluations, newest `gradedAt` first. */
@Injectable()
export class MyEvaluationsUseCase {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly candidates: CandidateIdentity,
  ) {}

  async execute(caller: AuthUser, q: PageQuery) {
    const { items, total } = await this.evaluations.listByExaminer(caller.id, skipOf(q), q.limit);
    const who = await this.candidates.viewsOf(
      items.map((e) => ({ hackathonId: e.hackathonId ?? '', studentId: e.studentId })),
      caller,
    );
    return pageOf(
      items.map((e, i) => toEvaluationView(e, who[i])),
      total,
      q,
    );
  }
}
