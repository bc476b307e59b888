import { Injectable } from '@nestjs/common';
import { isObjectIdString } from '../../libs/http';
import { StudentVerificationSummary, summaryForStudent } from '../verification';
import { ConversationRepository, ConversationWithMessages } from './conversation.repository';

export interface SubmittedConversation {
  id: string;
  hackathonId: string;
  tacheId: string;
  studentId: string;
  groupId: string | null;
  soumisLe: string;
  /** The automatic checks' score (0–1) once `terminee`; null otherwise or without checks. */
  score: number | null;
  /** The final prompt's own tokens (tasks with checks), else null. */
  tokensPrompt: number | null;
}

/** A student's own check results on one submission: public cases only, and the score once published. */
export interface StudentChecks {
  conversationId: string;
  tacheId: string;
  verification: StudentVerificationSummary;
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

  /** The checks of a student's submissions in a hackathon, as that student may see them (invariant 10). */
  async checksOfStudent(hackathonId: string, studentId: string, resultatsPublies: boolean): Promise<StudentChecks[]> {
    return (await this.conversations.ofStudentIn(hackathonId, studentId)).flatMap((c) =>
      c.versionFinale?.verification
        ? [
            {
              conversationId: c.id,
              tacheId: c.tacheId,
              verification: summaryForStudent(c.versionFinale.verification, resultatsPublies),
            },
          ]
        : [],
    );
  }

  /** Every submitted conversation of a hackathon, earliest submission first. */
  listSubmitted(hackathonId: string): Promise<SubmittedConversation[]> {
    return this.conversations.listSubmitted(hackathonId);
  }
}
