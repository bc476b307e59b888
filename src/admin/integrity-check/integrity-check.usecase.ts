import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { Clock } from '../../../libs/clock';
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
  /**
   * Redis quota counters that disagree with the usage ledger (the record they are derived
   * from). Sample ids are `hackathonId:studentId`, or `user:studentId` for the counter of the
   * user's own `tokensAuthorized`.
   */
  counterMismatches: Finding;
  /** Users whose `tokensUsed` is not the ledger's settled total. Sample ids are user ids. */
  tokensUsedMismatches: Finding;
  /** The check only reported (`{dryRun: true}`). */
  dryRun: boolean;
  /**
   * What was repaired, per finding (null on a dry run). Orphans and evaluation mismatches are
   * reported only: which side is wrong is a person's call.
   */
  repaired: IntegrityRepairs | null;
}

export interface IntegrityRepairs {
  /** Conversations whose `messageCount`/`totalTokens` were brought to what their messages say. */
  conversationCounters: number;
  /** Reservations left open by a crash: settled at their answer's usage, or released. */
  reservationsSettled: number;
  reservationsReleased: number;
  /** (hackathon, student) pairs whose ledger agrees with the conversations after the repair. */
  ledgerMismatches: number;
  counterMismatches: number;
  tokensUsedMismatches: number;
  /** Counters not repaired because a reservation of the student was too young to be sure of (next run). */
  countersBusy: number;
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
 * from the messages; the usage ledger compared with the counters of charged conversations,
 * Redis's quota counters and users' `tokensUsed` with the ledger. Then, unless `dryRun`, it
 * repairs what it can: every repair is idempotent (a retry checks and repairs again).
 */
@Injectable()
export class IntegrityCheckUseCase {
  constructor(
    private readonly conversations: ConversationMaintenance,
    private readonly users: UserDirectory,
    private readonly hackathons: HackathonCatalog,
    private readonly evaluations: EvaluationIntegrity,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async execute(progress: ProgressReporter, { dryRun = false }: { dryRun?: boolean } = {}): Promise<IntegrityReport> {
    // What is younger than the sweeper's grace may still be on its way (a send between the gate and its message).
    const settledBefore = new Date(this.clock.now().getTime() - this.config.TURN_SWEEP_AFTER_MS);
    const repaired: IntegrityRepairs = {
      conversationCounters: 0,
      reservationsSettled: 0,
      reservationsReleased: 0,
      ledgerMismatches: 0,
      counterMismatches: 0,
      tokensUsedMismatches: 0,
      countersBusy: 0,
    };
    const counters = new FindingBuilder();
    const tokensUsed = new FindingBuilder();
    const wrongCounters: string[] = [];
    const orphanStudent = new FindingBuilder();
    const orphanHackathon = new FindingBuilder();
    const messageCount = new FindingBuilder();
    const totalTokens = new FindingBuilder();
    const ledger = new FindingBuilder();
    // (hackathon, student) → counters of the charged conversations.
    const charged = new Map<string, { tokens: number; actualTokens: number; replies: number }>();

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
        if (c.messageCount !== c.actualMessageCount || c.totalTokens !== c.actualTokens) wrongCounters.push(c.id);
        if (c.countsUsage) {
          const key = `${c.hackathonId}:${c.studentId}`;
          const sum = charged.get(key) ?? { tokens: 0, actualTokens: 0, replies: 0 };
          sum.tokens += c.totalTokens;
          sum.actualTokens += c.actualTokens;
          sum.replies += c.replies;
          charged.set(key, sum);
        }
      }
      checked += page.length;
      after = page[page.length - 1].id;
      await progress((checked / total) * 50);
      if (page.length < PAGE) break;
    }

    if (!dryRun)
      for (const id of wrongCounters) if (await this.conversations.correctCounters(id)) repaired.conversationCounters++;

    let pairsDone = 0;
    const students = new Set<string>();
    const userCountersSeen = new Set<string>();
    for (const [key, sum] of charged) {
      const [hackathonId, studentId] = key.split(':');
      students.add(studentId);
      let held = await this.conversations.ledgerOf(hackathonId, studentId);
      if (held.usedTokens !== sum.tokens || held.prompts !== sum.replies) {
        ledger.add(key);
        if (!dryRun) {
          // The ledger is the record: reservations a crash left open are finished, then the pair is
          // compared again with what the messages say (their counters were just corrected).
          const done = await this.conversations.finishOpenReservations(hackathonId, studentId, settledBefore);
          repaired.reservationsSettled += done.settled;
          repaired.reservationsReleased += done.released;
          held = await this.conversations.ledgerOf(hackathonId, studentId);
          if (held.usedTokens === sum.actualTokens && held.prompts === sum.replies) repaired.ledgerMismatches++;
        }
      }
      const quota = await this.conversations.repairQuotaCounters(hackathonId, studentId, settledBefore, dryRun);
      for (const [verdict, id] of [
        [quota.pair, key],
        [quota.user, `user:${studentId}`],
      ] as const) {
        if (verdict === 'ok' || verdict === 'absent') continue;
        // The user's counter is shared by the student's hackathons: counted once.
        if (id.startsWith('user:') && userCountersSeen.has(id)) continue;
        userCountersSeen.add(id);
        counters.add(id);
        if (verdict === 'repaired') repaired.counterMismatches++;
        if (verdict === 'busy') repaired.countersBusy++;
      }
      await progress(50 + (++pairsDone / charged.size) * 25);
    }

    let studentsDone = 0;
    for (const studentId of students) {
      const total = await this.conversations.usedTokensOf(studentId);
      const user = (await this.users.findManyByIds([studentId]))[0];
      if (user && user.tokensUsed !== total) {
        tokensUsed.add(studentId);
        if (!dryRun && (await this.users.correctTokensUsed(studentId, user.tokensUsed, total)))
          repaired.tokensUsedMismatches++;
      }
      await progress(75 + (++studentsDone / students.size) * 15);
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
      counterMismatches: counters.done(),
      tokensUsedMismatches: tokensUsed.done(),
      dryRun,
      repaired: dryRun ? null : repaired,
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
