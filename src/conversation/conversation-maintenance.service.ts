import { Injectable } from '@nestjs/common';
import { publicFinalVersion } from './conversation-view';
import type { FinalVersion } from './conversation.response';
import { ConversationRepository, ConversationWithMessages } from './conversation.repository';
import { EssaiRepository } from './essais/essai.repository';
import type { EssaiView } from './essais/essai.response';
import { essaiView } from './essais/essai-view';
import { QuotaGate } from './quota/quota-gate';
import { UsageLedgerRepository } from './quota/usage-ledger.repository';
import { OpenReservations, OpenReservationsReport } from './sweep-turns/open-reservations';

/** One conversation as the integrity check sees it: stored counters next to what the messages say. */
export interface ConversationCounters {
  id: string;
  studentId: string;
  hackathonId: string;
  countsUsage: boolean;
  messageCount: number;
  actualMessageCount: number;
  totalTokens: number;
  actualTokens: number;
  /** Assistant replies: each one settled a reservation that kept its prompt. */
  replies: number;
}

/**
 * The conversation context's maintenance face for the admin context (archiving, integrity
 * counts); other contexts never read conversations or the usage ledger themselves.
 */
@Injectable()
export class ConversationMaintenance {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly ledger: UsageLedgerRepository,
    private readonly gate: QuotaGate,
    private readonly reservations: OpenReservations,
    private readonly essais: EssaiRepository,
  ) {}

  /**
   * docs/data-model.md §11.2: marks conversations created before `before` archived (they leave student
   * listings). Each one through the conversation's write path: a reply written at the same time is kept.
   * Idempotent: already archived ones are not touched again.
   */
  async archiveCreatedBefore(
    before: Date,
    onProgress?: (done: number, total: number) => Promise<void>,
  ): Promise<{ matched: number; archived: number }> {
    const total = await this.conversations.countArchivable(before);
    let after: string | null = null;
    let done = 0;
    let archived = 0;
    for (;;) {
      const ids = await this.conversations.findArchivableIds(before, after, 200);
      if (!ids.length) break;
      for (const id of ids) {
        if (await this.conversations.markArchived(id)) archived++;
        done++;
      }
      after = ids[ids.length - 1];
      await onProgress?.(done, Math.max(total, done));
      if (ids.length < 200) break;
    }
    return { matched: done, archived };
  }

  /** Migration 004: the open turns of before the `turnOpen` mark, marked so the sweeper sees them. */
  markLegacyOpenTurns(): Promise<number> {
    return this.conversations.markLegacyOpenTurns();
  }

  /** A hackathon's conversations with their messages, page after page (the conversations export). */
  async *conversationsOf(hackathonId: string, pageSize = 50): AsyncGenerator<ConversationWithMessages[]> {
    let after: string | null = null;
    for (;;) {
      const page = await this.conversations.pageOfHackathon(hackathonId, after, pageSize);
      if (!page.length) return;
      yield page;
      if (page.length < pageSize) return;
      after = page[page.length - 1].id;
    }
  }

  /** Who has a conversation in the hackathon: the class of an `acces: "tous"` hackathon (results export). */
  studentsWithConversationIn(hackathonId: string): Promise<string[]> {
    return this.conversations.studentIdsOfHackathon(hackathonId);
  }

  countOf(hackathonId: string): Promise<number> {
    return this.conversations.countOfHackathon(hackathonId);
  }

  countAll(): Promise<number> {
    return this.conversations.countAll();
  }

  /** A page of conversations (in `_id` order, after `afterId`) with stored and recomputed counters. */
  async countersPage(afterId: string | null, limit: number): Promise<ConversationCounters[]> {
    const conversations = await this.conversations.scan(afterId, limit);
    return conversations.map((c) => {
      const assistant = c.messages.filter((m) => m.role === 'assistant');
      return {
        id: c.id,
        studentId: c.studentId,
        hackathonId: c.hackathonId,
        countsUsage: c.countsUsage,
        messageCount: c.messageCount,
        actualMessageCount: c.messages.length,
        totalTokens: c.totalTokens,
        actualTokens: assistant.reduce((sum, m) => sum + (m.tokenCount ?? 0), 0),
        replies: assistant.length,
      };
    });
  }

  /** conversationId → studentId, for the ids that exist. */
  studentsOf(conversationIds: string[]): Promise<Map<string, string>> {
    return this.conversations.studentsOf(conversationIds);
  }

  /** What the usage ledger holds for one (hackathon, student): net prompts and tokens used. */
  async ledgerOf(hackathonId: string, studentId: string): Promise<{ prompts: number; usedTokens: number }> {
    const [usage, usedTokens] = await Promise.all([
      this.ledger.usageOf(hackathonId, studentId),
      this.ledger.usedTokensIn(hackathonId, studentId),
    ]);
    return { prompts: usage.prompts, usedTokens };
  }

  /** Repair: a conversation's `messageCount` and `totalTokens` brought to what its messages say. */
  correctCounters(conversationId: string): Promise<boolean> {
    return this.conversations.correctCounters(conversationId);
  }

  /** Repair: one student's reservations reserved before `before` and left open, settled or released. */
  finishOpenReservations(hackathonId: string, studentId: string, before: Date): Promise<OpenReservationsReport> {
    return this.reservations.finish(before, { hackathonId, studentId });
  }

  /** The student's Redis quota counters against the ledger, set to it unless `dryRun` (QuotaGate.repairCounters). */
  repairQuotaCounters(hackathonId: string, studentId: string, youngerThan: Date, dryRun: boolean) {
    return this.gate.repairCounters(hackathonId, studentId, youngerThan, dryRun);
  }

  /** Tokens the ledger says a student really used, all hackathons (what `tokensUsed` must be). */
  usedTokensOf(studentId: string): Promise<number> {
    return this.ledger.usedTokensOf(studentId);
  }

  /**
   * RGPD export: a student's conversations with their messages, and their usage per hackathon
   * (the ledger's net prompts and tokens, and the settled tokens).
   */
  async exportOf(studentId: string): Promise<{
    conversations: (Omit<ConversationWithMessages, 'versionFinale'> & {
      versionFinale: FinalVersion | null;
      essais: EssaiView[];
    })[];
    usage: { hackathonId: string; prompts: number; tokens: number; usedTokens: number }[];
  }> {
    // The student's own data: hidden cases of the checks stay out of it (invariant 10). Tries
    // hold public cases only, and are shown as the student sees them.
    const own = await this.conversations.allOfStudent(studentId);
    const essais = new Map<string, EssaiView[]>();
    for (const e of await this.essais.ofConversations(own.map((c) => c.id))) {
      const ofConversation = essais.get(e.conversationId) ?? [];
      ofConversation.push(essaiView(e));
      essais.set(e.conversationId, ofConversation);
    }
    const conversations = own.map((c) => ({
      ...c,
      versionFinale: c.versionFinale && publicFinalVersion(c.versionFinale),
      essais: essais.get(c.id) ?? [],
    }));
    const hackathonIds = [...new Set(conversations.map((c) => c.hackathonId))];
    const usage = await Promise.all(
      hackathonIds.map(async (hackathonId) => {
        const [u, usedTokens] = await Promise.all([
          this.ledger.usageOf(hackathonId, studentId),
          this.ledger.usedTokensIn(hackathonId, studentId),
        ]);
        return { hackathonId, prompts: u.prompts, tokens: u.tokens, usedTokens };
      }),
    );
    return { conversations, usage };
  }
}
