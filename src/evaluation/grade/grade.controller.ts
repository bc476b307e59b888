import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, Roles } from '../../../libs/http';
import { GradeDto } from './grade.dto';
import { GradeUseCase } from './grade.usecase';
import { EvaluationResponse } from '../evaluation.response';
import { EvaluationErrors } from '../evaluation.errors';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class GradeController {
  constructor(private readonly grade: GradeUseCase) {}

  @Roles('examiner')
  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'evaluations.grade',
    summary: 'Évalue une soumission attribuée : {conversationId, note, comment} → 201 {evaluation}',
    description:
      'note 1..10 par demi-points, commentaire d’au moins 10 caractères (400). Sans version finale : 409 NOT_SUBMITTED. ' +
      'Non attribuée : 403 NOT_ASSIGNED. Deuxième évaluation : 409 ALREADY_EVALUATED. Hackathon archivé : 409 GRADING_CLOSED.',
  })
  @ApiErrors(
    EvaluationErrors.notAssigned(),
    EvaluationErrors.conversationNotFound(),
    EvaluationErrors.notSubmitted(),
    EvaluationErrors.gradingClosed(),
    EvaluationErrors.alreadyEvaluated(),
  )
  async handle(@Body() dto: GradeDto, @CurrentUser() caller: AuthUser): Promise<EvaluationResponse> {
    return { evaluation: await this.grade.execute(dto, caller) };
  }
}
