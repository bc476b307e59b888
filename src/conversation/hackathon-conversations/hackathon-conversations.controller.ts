import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQuery, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { HackathonConversationsUseCase } from './hackathon-conversations.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('hackathons')
export class HackathonConversationsController {
  constructor(private readonly list: HackathonConversationsUseCase) {}

  @Roles('examiner', 'admin')
  @Get(':id/conversations')
  @ApiOperation({
    summary: 'Conversations d’un hackathon, sans messages, avec messageCount et totalTokens',
    description: 'Admins, et les examinateurs de son jury (sinon 403 NOT_ON_JURY).',
  })
  handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser, @Query() q: PageQuery) {
    return this.list.execute(id, caller, q);
  }
}
