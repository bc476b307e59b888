import { Injectable } from '@nestjs/common';
import { ConversationRepository } from './conversation.repository';
import { QuotaGate } from './quota/quota-gate';

/** Where one student of a hackathon stands, as the class dashboard shows it. */
export interface StudentActivity {
  conversations: number;
  /** Prompts waiting for their answer (one turn at a time: at most one per conversation). */
  pendingReplies: number;
  /** Answers that failed for good (each left a system message and a refund). */
  failedReplies: number;
  submitted: number;
  lastActivityAt: string | null;
  lastError: { message: string; at: string } | null;
}

/**
 * The conversation context's face for the class dashboard (admin context): one student's
 * activity recomputed from their conversations — a handful of documents, read once per change
 * — and the quota gate's live usage of a whole class.
 */
@Injectable()
export class ClassActivity {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly gate: QuotaGate,
  ) {}

  async activityOf(hackathonId: string, studentId: string): Promise<StudentActivity> {
    const cs = await this.conversations.ofStudentIn(hackathonId, studentId);
    const failures = cs.flatMap((c) => c.messages.filter((m) => m.role === 'system' && m.replyTo));
    const last = failures.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
    const lastActivityAt = cs
      .flatMap((c) => [c.updatedAt, ...c.messages.map((m) => m.createdAt)])
      .sort()
      .at(-1);
    return {
      conversations: cs.length,
      pendingReplies: cs.filter((c) => c.pendingMessageId).length,
      failedReplies: failures.length,
      submitted: cs.filter((c) => c.versionFinale).length,
      lastActivityAt: lastActivityAt ?? null,
      lastError: last ? { message: last.content, at: last.createdAt } : null,
    };
  }

  /** Prompts and tokens used (reservations in flight included) by each student, in one pass. */
  usageOf(hackathonId: string, studentIds: string[]): Promise<Map<string, { prompts: number; tokens: number }>> {
    return this.gate.usageOfMany(hackathonId, studentIds);
  }
}
