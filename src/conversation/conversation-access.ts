import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../libs/http';
import { ConversationErrors } from './conversation.errors';
import { ConversationRepository, ConversationSummary, ConversationWithMessages } from './conversation.repository';

/**
 * Invariant 7: a student only ever reads or changes their own conversations. Someone else's
 * conversation answers 404, as if it did not exist.
 */
@Injectable()
export class ConversationAccess {
  constructor(private readonly conversations: ConversationRepository) {}

  async ownedBy(conversationId: string, caller: AuthUser): Promise<ConversationSummary> {
    return this.owned(await this.conversations.findSummary(conversationId), caller);
  }

  /** The same check, for a use case that needs the messages too (one read). */
  async ownedWithMessages(conversationId: string, caller: AuthUser): Promise<ConversationWithMessages> {
    return this.owned(await this.conversations.findWithMessages(conversationId), caller);
  }

  private owned<C extends ConversationSummary>(c: C | null, caller: AuthUser): C {
    if (!c || c.studentId !== caller.id) throw ConversationErrors.notFound();
    return c;
  }
}
