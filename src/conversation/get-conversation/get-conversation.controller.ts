import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { MessagesPageQuery } from './get-conversation.dto';
import { GetConversationUseCase } from './get-conversation.usecase';
import { ConversationDetailResponse } from '../conversation.response';
import { ConversationErrors } from '../conversation.errors';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class GetConversationController {
  constructor(private readonly getConversation: GetConversationUseCase) {}

  @Roles('student', 'examiner', 'admin')
  @Get(':id')
  @ApiOperation({
    operationId: 'conversations.get',
    summary: 'Une conversation avec ses 50 derniers messages (?skip=&limit=)',
    description: 'Son étudiant, un examinateur à qui elle est attribuée, ou un admin ; les autres : 404.',
  })
  @ApiErrors(ConversationErrors.notFound())
  async get(
    @Param('id', ParseObjectIdPipe) id: string,
    @CurrentUser() caller: AuthUser,
    @Query() q: MessagesPageQuery,
  ): Promise<ConversationDetailResponse> {
    return { conversation: await this.getConversation.execute(id, caller, q) };
  }
}
