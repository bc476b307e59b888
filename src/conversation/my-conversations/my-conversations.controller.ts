import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsMongoId, IsOptional } from 'class-validator';
import { AuthUser, CurrentUser, PageQuery, pageOf, Roles, skipOf } from '../../../libs/http';
import { ConversationRepository } from '../conversation.repository';

export class MyConversationsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsMongoId({ message: 'identifiant de hackathon invalide' })
  hackathonId?: string;
}

/** Seed 8.2 / 9.2.2: own conversations, newest activity first, never with messages. */
@Injectable()
export class MyConversationsUseCase {
  constructor(private readonly conversations: ConversationRepository) {}

  async execute(caller: AuthUser, q: MyConversationsQuery) {
    const { items, total } = await this.conversations.listByStudent(caller.id, q.hackathonId, skipOf(q), q.limit);
    return pageOf(items, total, q);
  }
}

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class MyConversationsController {
  constructor(private readonly mine: MyConversationsUseCase) {}

  @Roles('student', 'admin')
  @Get('mine')
  @ApiOperation({ summary: 'Mes conversations sans les messages, les plus récemment actives d’abord' })
  list(@CurrentUser() caller: AuthUser, @Query() q: MyConversationsQuery) {
    return this.mine.execute(caller, q);
  }
}
