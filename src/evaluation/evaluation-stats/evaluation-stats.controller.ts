import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { EvaluationStatsUseCase } from './evaluation-stats.usecase';
import { EvaluationStats } from '../evaluation.response';
import { HackathonErrors } from '../../hackathon';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('hackathons')
export class EvaluationStatsController {
  constructor(private readonly stats: EvaluationStatsUseCase) {}

  @Roles('examiner', 'admin')
  @Get(':id/evaluations/stats')
  @ApiOperation({
    operationId: 'evaluations.stats',
    summary: 'Statistiques : {averageNote, totalEvaluations, maxNote, minNote, examiners: [{done, pending}]}',
  })
  @ApiErrors(HackathonErrors.notFound())
  handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<EvaluationStats> {
    return this.stats.execute(id, caller);
  }
}
