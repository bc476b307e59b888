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
    description: 'Avant publication : 409 RESULTS_NOT_PUBLISHED. Les examinateurs y sont « Examinateur N ».',
  })
  @ApiErrors(HackathonErrors.notFound(), HackathonErrors.notParticipant(), EvaluationErrors.resultsNotPublished())
  get(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<MyResults> {
    return this.results.execute(id, caller);
  }
}
