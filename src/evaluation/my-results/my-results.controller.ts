import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { MyResultsUseCase } from './my-results.usecase';
import { MyResults } from '../evaluation.response';
import { EvaluationErrors } from '../evaluation.errors';
import { HackathonErrors } from '../../hackathon';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('hackathons')
export class MyResultsController {
  constructor(private readonly results: MyResultsUseCase) {}

  @Roles('student')
  @Get(':id/results/me')
  @ApiOperation({
    operationId: 'hackathons.myResults',
    summary: 'Mes notes et commentaires dans ce hackathon, une fois les résultats publiés',
    description:
      'Avant publication : 409 RESULTS_NOT_PUBLISHED. `classe` : moyenne de la classe, nombre d’élèves notés, rang de ' +
      'l’élève (1 = meilleur, ex æquo au même rang, null sans note). Les examinateurs y sont « Examinateur N », le ' +
      'même numéro pour le même examinateur sur toutes les copies du hackathon. Un élève sans soumission reçoit 200 ' +
      'avec une liste vide et les chiffres de la classe.',
  })
  @ApiErrors(HackathonErrors.notFound(), HackathonErrors.notParticipant(), EvaluationErrors.resultsNotPublished())
  get(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<MyResults> {
    return this.results.execute(id, caller);
  }
}
