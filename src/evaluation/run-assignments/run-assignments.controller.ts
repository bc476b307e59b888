import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { RunAssignmentsDto } from './run-assignments.dto';
import { RunAssignmentsUseCase } from './run-assignments.usecase';

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
  execute(@Param('id', ParseObjectIdPipe) id: string, @Body() dto: RunAssignmentsDto, @CurrentUser() caller: AuthUser) {
    return this.run.execute(id, dto.examinersPerSubmission, caller);
  }
}
