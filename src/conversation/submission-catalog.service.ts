import { Injectable } from '@nestjs/common';
import { isObjectIdString } from '../../libs/http';
import { ConversationRepository, ConversationWithMessages } from './conversation.repository';

export interface SubmittedConversation {
  id: string;
  hackathonId: string;
  tacheId: string;
  studentId: string;
  groupId: string | null;
  soumisLe: string;
}

/**
 * The conversation context's public face for grading: submitted conversations (those with a
 * final version) and one submission with its messages. Other contexts never read the
 * conversations collection.
 */
@Injectable()
export class SubmissionCatalog {
  constructor(private readonly conversations: ConversationRepository) {}

  /** The conversation with its final version and messages, or null (unknown id). */
  async getSubmission(conversationId: string): Promise<ConversationWithMessages | null> {
    if (!isObjectIdString(conversationId)) return null;
    return this.conversations.findWithMessages(conversationId);
  }

  /** Lets examiners read a conversation assigned to them (their grading assignments). */
  grantExaminers(conversationId: string, examinerIds: string[]): Promise<void> {
    return this.conversations.grantExaminers(conversationId, examinerIds);
  }

  /** An assignment taken back: that examiner no longer reads the conversation. */
  revokeExaminer(conversationId: string, examinerId: string): Promise<void> {
    return this.conversations.revokeExaminer(conversationId, examinerId);
  }

  /** Every submitted conversation of a hackathon, earliest submission first. */
  listSubmitted(hackathonId: string): Promise<SubmittedConversation[]> {
    return this.conversations.listSubmitted(hackathonId);
  }
}
