import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CommonErrors, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { IDEMPOTENCY_ERRORS, Idempotent } from '../../../libs/idempotency';
import { SendMessageDto } from './send-message.dto';
import { SendMessageUseCase } from './send-message.usecase';
import { SentMessage } from '../conversation.response';
import { ConversationErrors } from '../conversation.errors';
import { HackathonErrors } from '../../hackathon';
import { QuotaErrors } from '../quota/quota-gate';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class SendMessageController {
  constructor(private readonly send: SendMessageUseCase) {}

  @Roles('student', 'admin')
  @Post(':id/messages')
  @HttpCode(202)
  // A client retrying after its own timeout gets the first 202 again: no second prompt, no second charge.
  @Idempotent('conversations.sendMessage')
  @ApiOperation({
    operationId: 'conversations.sendMessage',
    summary:
      'Envoie un prompt ; la réponse arrive par un job (SSE /stream) ; 429 QUOTA_*_EXCEEDED, 409 HACKATHON_NOT_OPEN / ALREADY_SUBMITTED',
  })
  @ApiErrors(
    ConversationErrors.notFound(),
    HackathonErrors.notParticipant(),
    HackathonErrors.notOpen('Terminé', 'STATUT'),
    ConversationErrors.alreadySubmitted(),
    ConversationErrors.replyPending(),
    QuotaErrors.promptsExceeded({ kind: 'prompts', used: 0, limit: 0 }),
    QuotaErrors.tokensExceeded({ kind: 'tokens', used: 0, limit: 0 }),
    CommonErrors.queueUnavailable(),
    ...IDEMPOTENCY_ERRORS,
  )
  handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: SendMessageDto,
    @CurrentUser() caller: AuthUser,
  ): Promise<SentMessage> {
    return this.send.execute(id, dto.content, caller);
  }
}
