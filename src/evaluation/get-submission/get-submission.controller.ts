import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { GetSubmissionUseCase } from './get-submission.usecase';

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
  async get(@Param('conversationId', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser) {
    return { submission: await this.getSubmission.execute(id, caller) };
  }
}
