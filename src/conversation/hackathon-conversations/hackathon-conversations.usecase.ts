import { Injectable } from '@nestjs/common';
import { AuthUser, PageQuery, pageOf, skipOf } from '../../../libs/http';
import { HackathonCatalog } from '../../hackathon';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository } from '../conversation.repository';
import { publicConversation } from '../conversation-view';

/**
 * docs/data-model.md §8.2's listing with messageCount and totalTokens — read from the counters kept with
 * each message, never from the message arrays. Examiners only for a hackathon whose jury they
 * sit on, and without student identity when it is anonymous.
 */
@Injectable()
export class HackathonConversationsUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
  ) {}

  async execute(hackathonId: string, caller: AuthUser, q: PageQuery) {
    const h = await this.hackathons.getForParticipation(hackathonId);
    if (caller.role === 'examiner' && !(await this.hackathons.isOnJury(hackathonId, caller.id)))
      throw ConversationErrors.notOnJury();
    const { items, total } = await this.conversations.listByHackathon(hackathonId, skipOf(q), q.limit);
    const hide = caller.role === 'examiner' && h.anonymatActif;
    return pageOf(
      items
        .map((c) => publicConversation(c, { staff: true }))
        .map(({ studentId, groupId, ...rest }) => (hide ? rest : { ...rest, studentId, groupId })),
      total,
      q,
    );
  }
}
