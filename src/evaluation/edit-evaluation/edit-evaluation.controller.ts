import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { EditEvaluationDto } from './edit-evaluation.dto';
import { EditEvaluationUseCase } from './edit-evaluation.usecase';

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
  async handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: EditEvaluationDto,
    @CurrentUser() caller: AuthUser,
  ) {
    return { evaluation: await this.edit.execute(id, dto, caller) };
  }
}
