import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQuery, pageOf, Roles, skipOf } from '../../../libs/http';
import { CandidateIdentity } from '../candidate-identity';
import { EvaluationRepository } from '../evaluation.repository';
import { toEvaluationView } from '../evaluation-view';

/** Seed 8.3: the examiner's evaluations, newest `gradedAt` first. */
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

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class MyEvaluationsController {
  constructor(private readonly mine: MyEvaluationsUseCase) {}

  @Roles('examiner')
  @Get('mine')
  @ApiOperation({ summary: 'Mes évaluations, les plus récentes d’abord (?page=&limit=)' })
  handle(@CurrentUser() caller: AuthUser, @Query() q: PageQuery) {
    return this.mine.execute(caller, q);
  }
}
