import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { MessagesPageQuery } from './get-conversation.dto';
import { GetConversationUseCase } from './get-conversation.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class GetConversationController {
  constructor(private readonly getConversation: GetConversationUseCase) {}

  @Roles('student', 'examiner', 'admin')
  @Get(':id')
  @ApiOperation({
    summary: 'Une conversation avec ses 50 derniers messages (?skip=&limit=)',
    description: 'Son étudiant, un examinateur à qui elle est attribuée, ou un admin ; les autres : 404.',
  })
  async get(
    @Param('id', ParseObjectIdPipe) id: string,
    @CurrentUser() caller: AuthUser,
    @Query() q: MessagesPageQuery,
  ) {
    return { conversation: await this.getConversation.execute(id, caller, q) };
  }
}
