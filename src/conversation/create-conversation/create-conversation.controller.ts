import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../../libs/http';
import { publicConversation } from '../conversation-view';
import { CreateConversationDto } from './create-conversation.dto';
import { CreateConversationUseCase } from './create-conversation.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class CreateConversationController {
  constructor(private readonly create: CreateConversationUseCase) {}

  @Roles('student', 'admin')
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Ouvre une conversation sur une tâche d’un hackathon ouvert ; 409 HACKATHON_NOT_OPEN' })
  async handle(@Body() dto: CreateConversationDto, @CurrentUser() caller: AuthUser) {
    return { conversation: publicConversation(await this.create.execute(dto, caller)) };
  }
}
