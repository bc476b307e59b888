import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../../libs/http';
import { GradeDto } from './grade.dto';
import { GradeUseCase } from './grade.usecase';

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
  async handle(@Body() dto: GradeDto, @CurrentUser() caller: AuthUser) {
    return { evaluation: await this.grade.execute(dto, caller) };
  }
}
