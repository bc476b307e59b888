import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { GetSubmissionUseCase } from './get-submission.usecase';
import { SubmissionResponse } from '../evaluation.response';
import { EvaluationErrors } from '../evaluation.errors';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('submissions')
export class GetSubmissionController {
  constructor(private readonly getSubmission: GetSubmissionUseCase) {}

  @Roles('examiner', 'admin')
  @Get(':conversationId')
  @ApiOperation({
    operationId: 'submissions.get',
    summary: 'Une soumission : version finale et messages (examinateur attribué ou admin)',
    description:
      'Examinateur non attribué : 403 NOT_ASSIGNED, avant tout autre contrôle (même pour un identifiant inconnu). ' +
      'Hackathon anonyme : pseudonyme « Candidat N » à la place de l’identité.',
  })
  @ApiErrors(
    EvaluationErrors.notAssigned(),
    EvaluationErrors.conversationNotFound(),
    EvaluationErrors.submissionNotFound(),
  )
  async get(
    @Param('conversationId', ParseObjectIdPipe) id: string,
    @CurrentUser() caller: AuthUser,
  ): Promise<SubmissionResponse> {
    return { submission: await this.getSubmission.execute(id, caller) };
  }
}
