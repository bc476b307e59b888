import { Controller, Get, Injectable, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { HackathonCatalog } from '../../hackathon';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository } from '../conversation.repository';

export class MessagesPageQuery {
  @ApiPropertyOptional({ description: 'Messages sautés depuis le plus récent', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  skip = 0;
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}

/**
 * Owner, examiner or admin. Messages come paged from the newest (`skip` newest skipped,
 * then up to `limit`), returned oldest first. Examiners of an anonymous hackathon do not
 * see who wrote it.
 */
@Injectable()
export class GetConversationUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
  ) {}

  async execute(id: string, caller: AuthUser, q: MessagesPageQuery) {
    const c = await this.conversations.findWithMessages(id);
    if (!c || (caller.role === 'student' && c.studentId !== caller.id)) throw ConversationErrors.notFound();
    const total = c.messages.length;
    const end = Math.max(0, total - q.skip);
    const messages = c.messages.slice(Math.max(0, end - q.limit), end);
    const view: Record<string, unknown> = { ...c, messages, messagesTotal: total };
    if (caller.role === 'examiner') {
      const [summary] = await this.hackathons.findSummaries([c.hackathonId]);
      if (!summary || summary.anonymatActif) {
        delete view.studentId;
        delete view.groupId;
      }
    }
    return view;
  }
}

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class GetConversationController {
  constructor(private readonly getConversation: GetConversationUseCase) {}

  @Roles('student', 'examiner', 'admin')
  @Get(':id')
  @ApiOperation({ summary: 'Une conversation avec ses 50 derniers messages (?skip=&limit=)' })
  async get(
    @Param('id', ParseObjectIdPipe) id: string,
    @CurrentUser() caller: AuthUser,
    @Query() q: MessagesPageQuery,
  ) {
    return { conversation: await this.getConversation.execute(id, caller, q) };
  }
}
