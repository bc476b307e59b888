import { Injectable } from '@nestjs/common';
import { ConversationCounters, ConversationMaintenance } from '../../conversation';
import { HackathonCatalog } from '../../hackathon';
import { UserDirectory } from '../../identity';
import type { ProgressReporter } from '../../../libs/queue';
import { EvaluationIntegrity } from '../../evaluation';

export const SAMPLE_SIZE = 10;
const PAGE = 200;

/** A count of problems and up to ten of their ids. */
export interface Finding {
  count: number;
  sampleIds: string[];
}

export interface IntegrityReport {
  conversationsChecked: number;
  evaluationsChecked: number | null;
  orphanConversationsStudent: Finding;
  orphanConversationsHackathon: Finding;
  orphanEvaluations: Finding | null;
  evaluationStudentMismatches: Finding | null;
  messageCountMismatches: Finding;
  totalTokensMismatches: Finding;
  /** Sample ids are `hackathonId:studentId`. */
  ledgerMismatches: Finding;
}

class FindingBuilder {
  count = 0;
  readonly sampleIds: string[] = [];
  add(id: string) {
    this.count++;
    if (this.sampleIds.length < SAMPLE_SIZE) this.sampleIds.push(id);
  }
  done(): Finding {
    return { count: this.count, sampleIds: [...this.sampleIds] };
  }
}

/**
 * docs/data-model.md §13.3 without `$lookup`: pages of conversations, joined to users and hackathons by
 * `$in` queries through their contexts' facades; evaluations likewise; counters recomputed
 * from the messages; the usage ledger compared with the counters of charged conversations.
 * Read-only, so a retry just checks again.
 */
@Injectable()
export class IntegrityCheckUseCase {
  constructor(
    private readonly conversations: ConversationMaintenance,
    private readonly users: UserDirectory,
    private readonly hackathons: HackathonCatalog,
    private readonly evaluations: EvaluationIntegrity,
  ) {}

  async execute(progress: ProgressReporter): Promise<IntegrityReport> {
    const orphanStudent = new FindingBuilder();
    const orphanHackathon = new FindingBuilder();
    const messageCount = new FindingBuilder();
    const totalTokens = new FindingBuilder();
    const ledger = new FindingBuilder();
    // (hackathon, student) → counters of the charged conversations.
    const charged = new Map<string, { tokens: number; replies: number }>();

    const total = Math.max(1, await this.conversations.countAll());
    let checked = 0;
    let after: string | null = null;
    for (;;) {
      const page: ConversationCounters[] = await this.conversations.countersPage(after, PAGE);
      if (!page.length) break;
      const [students, hackathons] = await Promise.all([
        this.users.existingIds(page.map((c) => c.studentId)),
        this.hackathons
          .findSummaries(page.map((c) => c.hackathonId))
          .then((hs) => new Set(hs.map((h) => h.id.toLowerCase()))),
      ]);
      for (const c of page) {
        if (!students.has(c.studentId)) orphanStudent.add(c.id);
        if (!hackathons.has(c.hackathonId.toLowerCase())) orphanHackathon.add(c.id);
        if (c.messageCount !== c.actualMessageCount) messageCount.add(c.id);
        if (c.totalTokens !== c.actualTokens) totalTokens.add(c.id);
        if (c.countsUsage) {
          const key = `${c.hackathonId}:${c.studentId}`;
          const sum = charged.get(key) ?? { tokens: 0, replies: 0 };
          sum.tokens += c.totalTokens;
          sum.replies += c.replies;
          charged.set(key, sum);
        }
      }
      checked += page.length;
      after = page[page.length - 1].id;
      await progress((checked / total) * 50);
      if (page.length < PAGE) break;
    }

    let pairsDone = 0;
    for (const [key, sum] of charged) {
      const [hackathonId, studentId] = key.split(':');
      const held = await this.conversations.ledgerOf(hackathonId, studentId);
      if (held.usedTokens !== sum.tokens || held.prompts !== sum.replies) ledger.add(key);
      await progress(50 + (++pairsDone / charged.size) * 30);
    }

    const evaluations = await this.checkEvaluations();
    await progress(95);
    return {
      conversationsChecked: checked,
      evaluationsChecked: evaluations?.checked ?? null,
      orphanConversationsStudent: orphanStudent.done(),
      orphanConversationsHackathon: orphanHackathon.done(),
      orphanEvaluations: evaluations?.orphans ?? null,
      evaluationStudentMismatches: evaluations?.mismatches ?? null,
      messageCountMismatches: messageCount.done(),
      totalTokensMismatches: totalTokens.done(),
      ledgerMismatches: ledger.done(),
    };
  }

  private async checkEvaluations(): Promise<{ checked: number; orphans: Finding; mismatches: Finding } | null> {
    if (!(await this.evaluations.exists())) return null;
    const orphans = new FindingBuilder();
    const mismatches = new FindingBuilder();
    let checked = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.evaluations.page(after, PAGE);
      if (!page.length) break;
      const owners = await this.conversations.studentsOf(page.map((e) => e.conversationId));
      for (const e of page) {
        const owner = owners.get(e.conversationId);
        if (owner === undefined) orphans.add(e.id);
        else if (owner !== e.studentId) mismatches.add(e.id);
      }
      checked += page.length;
      after = page[page.length - 1].id;
      if (page.length < PAGE) break;
    }
    return { checked, orphans: orphans.done(), mismatches: mismatches.done() };
  }
}
