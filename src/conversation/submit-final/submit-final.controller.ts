import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { IDEMPOTENCY_ERRORS, Idempotent } from '../../../libs/idempotency';
import { publicConversation } from '../conversation-view';
import { SubmitFinalDto } from './submit-final.dto';
import { SubmitFinalUseCase } from './submit-final.usecase';
import { ConversationResponse } from '../conversation.response';
import { ConversationErrors } from '../conversation.errors';
import { HackathonErrors } from '../../hackathon';
import { VerificationErrors } from '../../verification';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class SubmitFinalController {
  constructor(private readonly submit: SubmitFinalUseCase) {}

  @Roles('student', 'admin')
  @Put(':id/final')
  // The use case answers a resent identical submission 200 by itself; with a key, a retry gets
  // exactly the first answer and the key is checked against the body it came with.
  @Idempotent('conversations.submitFinal')
  @ApiOperation({
    operationId: 'conversations.submitFinal',
    summary:
      'Soumet la version finale (une par conversation et par tâche de l’étudiant, hackathon ouvert) ; ' +
      '409 ALREADY_SUBMITTED, 409 TASK_ALREADY_SUBMITTED',
    description:
      '{promptFinal, messageId} (un message de l’assistant) ou {promptFinal, reponseIAFinale} (le texte exact d’un ' +
      'de ses messages) ; sinon 400 FINAL_ANSWER_UNKNOWN. Le modèle et les paramètres utilisés sont figés. ' +
      'Tâche avec vérification : les {{emplacements}} du prompt doivent correspondre aux entrées des cas ' +
      '(400 PROMPT_PLACEHOLDERS) ; versionFinale.verification part en_attente et la vérification est rejouée ' +
      'en file (event: verification sur le flux de la conversation quand elle finit). Renvoyer la même ' +
      'soumission après une erreur réseau répond 200 avec la version enregistrée.',
  })
  @ApiErrors(
    ConversationErrors.notFound(),
    HackathonErrors.notFound(),
    HackathonErrors.notOpen('Terminé', 'STATUT'),
    ConversationErrors.alreadySubmitted(),
    ConversationErrors.taskAlreadySubmitted(),
    ConversationErrors.finalAnswerUnknown(),
    VerificationErrors.promptPlaceholders(['nom'], []),
    ...IDEMPOTENCY_ERRORS,
  )
  async handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: SubmitFinalDto,
    @CurrentUser() caller: AuthUser,
  ): Promise<ConversationResponse> {
    return { conversation: publicConversation(await this.submit.execute(id, dto, caller)) };
  }
}
