import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { ConversationErrors } from '../conversation.errors';
import { StoppedAnswer } from '../conversation.response';
import { StopAnswerUseCase } from './stop-answer.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class StopAnswerController {
  constructor(private readonly stop: StopAnswerUseCase) {}

  @Roles('student', 'admin')
  @Post(':id/stop')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'conversations.stop',
    summary:
      'Arrête la réponse en cours : ce qui est écrit est gardé (interrompu: true), le reste des tokens est rendu',
    description:
      'Son propriétaire seulement (les autres : 404). Décompte : le prompt et les tokens écrits, jamais plus que la ' +
      'réservation. Le tour est clos : un nouvel envoi est accepté aussitôt. Le flux SSE envoie event: message. ' +
      '409 NOTHING_PENDING sans réponse en cours (ou si elle vient de finir).',
  })
  @ApiErrors(ConversationErrors.notFound(), ConversationErrors.nothingPending())
  async handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<StoppedAnswer> {
    return { message: await this.stop.execute(id, caller) };
  }
}
