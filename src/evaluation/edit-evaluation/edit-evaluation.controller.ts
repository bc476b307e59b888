import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { EditEvaluationDto } from './edit-evaluation.dto';
import { EditEvaluationUseCase } from './edit-evaluation.usecase';
import { EvaluationResponse } from '../evaluation.response';
import { EvaluationErrors } from '../evaluation.errors';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EditEvaluationController {
  constructor(private readonly edit: EditEvaluationUseCase) {}

  @Roles('examiner')
  @Patch(':id')
  @ApiOperation({
    operationId: 'evaluations.edit',
    summary:
      'Modifie sa propre évaluation {note?, comment?} (met à jour gradedAt) ; celle d’un autre : 403 NOT_YOUR_EVALUATION',
  })
  @ApiErrors(
    EvaluationErrors.evaluationNotFound(),
    EvaluationErrors.notYourEvaluation(),
    EvaluationErrors.gradingClosed(),
  )
  async handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: EditEvaluationDto,
    @CurrentUser() caller: AuthUser,
  ): Promise<EvaluationResponse> {
    return { evaluation: await this.edit.execute(id, dto, caller) };
  }
}
