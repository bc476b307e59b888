import { Injectable } from '@nestjs/common';
import { AuthUser, pageOf, skipOf } from '../../../libs/http';
import { ConversationRepository } from '../conversation.repository';
import { publicConversation } from '../conversation-view';
import { MyConversationsQuery } from './my-conversations.dto';

/** docs/data-model.md §8.2 / 9.2.2: own conversations, newest activity first, never with messages. */
@Injectable()
export class MyConversationsUseCase {
  constructor(private readonly conversations: ConversationRepository) {}

  async execute(caller: AuthUser, q: MyConversationsQuery) {
    const { items, total } = await this.conversations.listByStudent(caller.id, q.hackathonId, skipOf(q), q.limit);
    return pageOf(
      items.map((c) => publicConversation(c)),
      total,
      q,
    );
  }
}
