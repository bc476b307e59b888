import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, PageQuery, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { HackathonConversationsUseCase } from './hackathon-conversations.usecase';
import { HackathonConversationPage } from '../conversation.response';
import { ConversationErrors } from '../conversation.errors';
import { HackathonErrors } from '../../hackathon';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('hackathons')
export class HackathonConversationsController {
  constructor(private readonly list: HackathonConversationsUseCase) {}

  @Roles('examiner', 'admin')
  @Get(':id/conversations')
  @ApiOperation({
    operationId: 'conversations.listByHackathon',
    summary: 'Conversations d’un hackathon, sans messages, avec messageCount et totalTokens',
    description: 'Admins, et les examinateurs de son jury (sinon 403 NOT_ON_JURY).',
  })
  @ApiErrors(HackathonErrors.notFound(), ConversationErrors.notOnJury())
  handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @CurrentUser() caller: AuthUser,
    @Query() q: PageQuery,
  ): Promise<HackathonConversationPage> {
    return this.list.execute(id, caller, q);
  }
}
