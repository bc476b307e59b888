import { Injectable, Logger } from '@nestjs/common';
import { UserDirectory } from '../../identity';
import { ConversationRepository, ConversationWithMessages } from '../conversation.repository';
import { QuotaGate } from '../quota/quota-gate';
import { UsageLedgerRepository } from '../quota/usage-ledger.repository';

const BATCH = 200;
/** Batches of the ledger per run: the next run takes the rest. */
const MAX_BATCHES = 20;

export interface OpenReservationsReport {
  /** Answered: charged at the answer's real usage. */
  settled: number;
  /** No message (the send died before storing it), or a turn closed without an answer: refunded. */
  released: number;
}

type Verdict = { settle: number } | 'release' | 'leave';

/**
 * Reservations no one will finish: a process killed between the quota gate and storing the
 * message (the message never existed), or between an answer stored and its settlement. Found
 * both in the ledger (reserve rows still marked open) and in Redis (a charge whose ledger row
 * was never written), each settled at its answer's usage or released — once only, the gate's
 * settle/release being once-only. A turn still pending is the turn sweeper's (sweep-turns.usecase.ts).
 */
@Injectable()
export class OpenReservations {
  private readonly logger = new Logger('OpenReservations');

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly gate: QuotaGate,
    private readonly ledger: UsageLedgerRepository,
    private readonly users: UserDirectory,
  ) {}

  /** Everything reserved before `before` and still open, or only one student's in one hackathon. */
  async finish(before: Date, scope?: { hackathonId: string; studentId: string }): Promise<OpenReservationsReport> {
    const report: OpenReservationsReport = { settled: 0, released: 0 };
    const classes = new Map<string, Promise<ConversationWithMessages[]>>();
    const conversationsOf = (hackathonId: string, studentId: string) => {
      const key = `${hackathonId}:${studentId}`;
      const known = classes.get(key);
      if (known) return known;
      const read = this.conversations.ofStudentIn(hackathonId, studentId);
      classes.set(key, read);
      return read;
    };
    /** True once the reservation is settled or released. */
    const apply = async (r: { reservationId: string; hackathonId: string; studentId: string }): Promise<boolean> => {
      const verdict = this.verdictOf(r.reservationId, await conversationsOf(r.hackathonId, r.studentId));
      if (verdict === 'leave') return false;
      if (verdict === 'release') {
        await this.gate.release(r);
        report.released++;
      } else {
        await this.gate.settle(r, verdict.settle);
        await this.users.recordTokensUsed(r.studentId, await this.gate.usedTokensOf(r.studentId));
        report.settled++;
      }
      return true;
    };

    // The ledger's open reservations, oldest first. Most were finished normally and only need
    // their mark cleared; batches go on while they close something (a pending turn stays open).
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const open = await this.ledger.openBefore(before, BATCH, scope);
      const closed = open.filter((r) => r.finished).map((r) => r.reservationId);
      for (const r of open.filter((x) => !x.finished)) {
        const done = await apply(r).catch((err: Error) => {
          this.logger.warn(`réservation ${r.reservationId} non soldée : ${err.message}`);
          return false;
        });
        if (done) closed.push(r.reservationId);
      }
      await this.ledger.markClosed(closed);
      if (scope || open.length < BATCH || !closed.length) break;
    }

    // Charges Redis took whose ledger row was never written (the gate's script ran, the process died).
    if (!scope) {
      const inRedis = await this.gate.openInRedisBefore(before, BATCH);
      const known = await this.ledger.reservedAmong(inRedis.map((r) => r.reservationId));
      for (const r of inRedis.filter((x) => !known.has(x.reservationId))) {
        await apply(r).catch((err: Error) =>
          this.logger.warn(`réservation ${r.reservationId} (Redis seul) non soldée : ${err.message}`),
        );
      }
    }
    if (report.settled || report.released)
      this.logger.warn(`réservations ouvertes : ${report.settled} soldée(s), ${report.released} rendue(s)`);
    return report;
  }

  /** What the conversation says of a reservation (its id is the student message's). */
  private verdictOf(messageId: string, conversations: ConversationWithMessages[]): Verdict {
    for (const c of conversations) {
      const message = c.messages.find((m) => m.id === messageId);
      if (!message) continue;
      if (c.pendingMessageId === messageId) return 'leave';
      const answer = c.messages.find((m) => m.replyTo === messageId);
      if (answer?.role === 'assistant') return { settle: answer.tokenCount ?? 0 };
      return 'release';
    }
    return 'release';
  }
}
