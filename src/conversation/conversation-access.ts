import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../libs/http';
import { ConversationErrors } from './conversation.errors';
import { ConversationRepository, ConversationSummary } from './conversation.repository';

/**
 * Invariant 7: a student only ever reads or changes their own conversations. Someone else's
 * conversation answers 404, as if it did not exist.
 */
@Injectable()
export class ConversationAccess {
  constructor(private readonly conversations: ConversationRepository) {}

  async ownedBy(conversationId: string, caller: AuthUser): Promise<ConversationSummary> {
    const c = await this.conversations.findSummary(conversationId);
    if (!c || c.studentId !== caller.id) throw ConversationErrors.notFound();
    return c;
  }
}
