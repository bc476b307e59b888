import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, Roles } from '../../../libs/http';
import { publicConversation } from '../conversation-view';
import { CreateConversationDto } from './create-conversation.dto';
import { CreateConversationUseCase } from './create-conversation.usecase';
import { ConversationResponse } from '../conversation.response';
import { ConversationErrors } from '../conversation.errors';
import { HackathonErrors } from '../../hackathon';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class CreateConversationController {
  constructor(private readonly create: CreateConversationUseCase) {}

  @Roles('student', 'admin')
  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'conversations.create',
    summary:
      'Ouvre une conversation sur une tâche d’un hackathon ouvert ; 409 HACKATHON_NOT_OPEN ; modèle hors des modeles du hackathon 400 MODEL_NOT_ALLOWED',
  })
  @ApiErrors(
    HackathonErrors.notFound(),
    HackathonErrors.notParticipant(),
    HackathonErrors.notOpen('Terminé', 'STATUT'),
    ConversationErrors.forbiddenHackathon(),
    HackathonErrors.modelNotAllowed('gpt-4', ['gpt-3.5-turbo']),
  )
  async handle(@Body() dto: CreateConversationDto, @CurrentUser() caller: AuthUser): Promise<ConversationResponse> {
    return { conversation: publicConversation(await this.create.execute(dto, caller)) };
  }
}
