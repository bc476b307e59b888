import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CommonErrors, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { RunAssignmentsDto } from './run-assignments.dto';
import { RunAssignmentsUseCase } from './run-assignments.usecase';
import { EvaluationErrors } from '../evaluation.errors';
import { HackathonErrors } from '../../hackathon';
import { JobAccepted } from '../../../libs/queue';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('hackathons')
export class RunAssignmentsController {
  constructor(private readonly run: RunAssignmentsUseCase) {}

  @Roles('admin')
  @Post(':id/assignments')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'assignments.run',
    summary: 'Répartit les soumissions entre les examinateurs rattachés (job admin) → 202 {jobId}',
    description:
      'k examinateurs distincts par soumission, charges à ±1, déterministe, idempotent (une relance n’ajoute que ce qui manque). ' +
      'Chaque examinateur reçoit un mail listant ses nouvelles attributions. k supérieur au jury : 400 NOT_ENOUGH_EXAMINERS.',
  })
  @ApiErrors(HackathonErrors.notFound(), EvaluationErrors.notEnoughExaminers(2, 1), CommonErrors.queueUnavailable())
  execute(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: RunAssignmentsDto,
    @CurrentUser() caller: AuthUser,
  ): Promise<JobAccepted> {
    return this.run.execute(id, dto.examinersPerSubmission, caller);
  }
}
