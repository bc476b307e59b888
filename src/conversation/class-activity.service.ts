import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/env.schema';
import { TOKENS_PRIMING_REPLY } from '../../libs/ai-providers/token-counter';
import { ConversationRepository } from './conversation.repository';
import { contextTokensOf, tokensOfNewMessage, WindowMessage } from './prompt-window';
import { QuotaGate } from './quota/quota-gate';

/** The conversation a student worked in last, as far as their next send is concerned. */
export interface LatestConversation {
  conversationId: string;
  /** When it last changed (created, a prompt, an answer). */
  at: string;
  /** What its history costs as context (student and assistant messages). */
  historyTokens: number;
  maxTokens: number;
}

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
  latest: LatestConversation | null;
}

/** What the history costs as context: the whole of it, before the window trims it (events carry it). */
export function historyTokensOf(messages: readonly WindowMessage[]): number {
  return messages.filter((m) => m.role !== 'system').reduce((n, m) => n + contextTokensOf(m), 0);
}

// The smallest prompt a student can send still costs its chat wrapping.
const EMPTY_PROMPT = tokensOfNewMessage('student', '').context;

/**
 * The conversation context's face for the class dashboard (admin context). The dashboard keeps
 * its rows from the domain events alone; `activityOf` recomputes a row from the student's
 * conversations, for repairs only (off the hot path). Also the quota gate's live usage of a
 * class and what a conversation's next send would reserve.
 */
@Injectable()
export class ClassActivity {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly gate: QuotaGate,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Recomputed from the student's conversations with their messages: a repair, never per event. */
  async activityOf(hackathonId: string, studentId: string): Promise<StudentActivity> {
    const cs = await this.conversations.ofStudentIn(hackathonId, studentId);
    const failures = cs.flatMap((c) => c.messages.filter((m) => m.role === 'system' && m.replyTo));
    const last = failures.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
    const lastActivityAt = cs
      .flatMap((c) => [c.createdAt, c.versionFinale?.soumisLe ?? c.createdAt, ...c.messages.map((m) => m.createdAt)])
      .sort()
      .at(-1);
    const latestOf = (c: (typeof cs)[number]) =>
      [c.createdAt, ...c.messages.filter((m) => m.role !== 'system').map((m) => m.createdAt)].sort().at(-1) ??
      c.createdAt;
    const latest = cs
      .map((c) => ({ c, at: latestOf(c) }))
      .sort((a, b) => a.at.localeCompare(b.at))
      .at(-1);
    return {
      conversations: cs.length,
      pendingReplies: cs.filter((c) => c.pendingMessageId).length,
      failedReplies: failures.length,
      submitted: cs.filter((c) => c.versionFinale).length,
      lastActivityAt: lastActivityAt ?? null,
      lastError: last ? { message: last.content, at: last.createdAt } : null,
      latest: latest
        ? {
            conversationId: latest.c.id,
            at: latest.at,
            historyTokens: historyTokensOf(latest.c.messages),
            maxTokens: latest.c.maxTokens,
          }
        : null,
    };
  }

  /**
   * The least the conversation's next send would reserve (send-message.usecase.ts): the prompt
   * window of its history plus the smallest prompt, then `maxTokens`. Under the context budget
   * the window is the whole history; over it, the window fills the budget (to within a message).
   */
  nextSendReserve(latest: Pick<LatestConversation, 'historyTokens' | 'maxTokens'>): number {
    const whole = TOKENS_PRIMING_REPLY + latest.historyTokens + EMPTY_PROMPT;
    const window = Math.min(whole, Math.max(this.config.AI_CONTEXT_MAX_TOKENS, TOKENS_PRIMING_REPLY + EMPTY_PROMPT));
    return window + latest.maxTokens;
  }

  /** Prompts and tokens used (reservations in flight included) by each student, in one pass. */
  usageOf(hackathonId: string, studentIds: string[]): Promise<Map<string, { prompts: number; tokens: number }>> {
    return this.gate.usageOfMany(hackathonId, studentIds);
  }

  /** The students with a conversation in a hackathon (a repair of the whole class). */
  studentIdsOf(hackathonId: string): Promise<string[]> {
    return this.conversations.studentIdsOfHackathon(hackathonId);
  }
}
