import { Controller, Get, Injectable, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQuery, pageOf, ParseObjectIdPipe, Roles, skipOf } from '../../../libs/http';
import { HackathonCatalog } from '../../hackathon';
import { ConversationRepository } from '../conversation.repository';

/**
 * Seed 8.2's listing with messageCount and totalTokens — read from the counters kept with
 * each message, never from the message arrays. Examiners of an anonymous hackathon get no
 * student identity.
 */
@Injectable()
export class HackathonConversationsUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
  ) {}

  async execute(hackathonId: string, caller: AuthUser, q: PageQuery) {
    const h = await this.hackathons.getForParticipation(hackathonId);
    const { items, total } = await this.conversations.listByHackathon(hackathonId, skipOf(q), q.limit);
    const hide = caller.role === 'examiner' && h.anonymatActif;
    return pageOf(
      items.map(({ studentId, groupId, ...rest }) => (hide ? rest : { ...rest, studentId, groupId })),
      total,
      q,
    );
  }
}

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('hackathons')
export class HackathonConversationsController {
  constructor(private readonly list: HackathonConversationsUseCase) {}

  @Roles('examiner', 'admin')
  @Get(':id/conversations')
  @ApiOperation({ summary: 'Conversations d’un hackathon, sans messages, avec messageCount et totalTokens' })
  handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser, @Query() q: PageQuery) {
    return this.list.execute(id, caller, q);
  }
}
