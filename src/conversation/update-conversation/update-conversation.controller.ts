import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { HackathonErrors } from '../../hackathon';
import { publicConversation } from '../conversation-view';
import { ConversationErrors } from '../conversation.errors';
import { ConversationResponse } from '../conversation.response';
import { UpdateConversationDto } from './update-conversation.dto';
import { UpdateConversationUseCase } from './update-conversation.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class UpdateConversationController {
  constructor(private readonly update: UpdateConversationUseCase) {}

  @Roles('student', 'admin')
  @Patch(':id')
  @ApiOperation({
    operationId: 'conversations.update',
    summary:
      'Change maxTokens pour les prochains envois (dans la plage de GET /ai/models) ; une réponse en cours garde le sien',
    description:
      'Son propriétaire seulement (les autres : 404). 400 VALIDATION_FAILED hors plage ; 409 ALREADY_SUBMITTED ; ' +
      '409 HACKATHON_NOT_OPEN comme pour un envoi.',
  })
  @ApiErrors(
    ConversationErrors.notFound(),
    HackathonErrors.notParticipant(),
    HackathonErrors.notOpen('Terminé', 'STATUT'),
    ConversationErrors.alreadySubmitted(),
  )
  async handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: UpdateConversationDto,
    @CurrentUser() caller: AuthUser,
  ): Promise<ConversationResponse> {
    return { conversation: publicConversation(await this.update.execute(id, dto, caller)) };
  }
}
