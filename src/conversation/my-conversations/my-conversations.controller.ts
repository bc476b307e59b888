import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../../libs/http';
import { MyConversationsQuery } from './my-conversations.dto';
import { MyConversationsUseCase } from './my-conversations.usecase';
import { ConversationPage } from '../conversation.response';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class MyConversationsController {
  constructor(private readonly mine: MyConversationsUseCase) {}

  @Roles('student', 'admin')
  @Get('mine')
  @ApiOperation({
    operationId: 'conversations.listMine',
    summary: 'Mes conversations sans les messages, les plus récemment actives d’abord',
  })
  list(@CurrentUser() caller: AuthUser, @Query() q: MyConversationsQuery): Promise<ConversationPage> {
    return this.mine.execute(caller, q);
  }
}
