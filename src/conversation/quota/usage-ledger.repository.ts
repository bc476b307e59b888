import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { insertOnce, sumFields } from '../../../libs/database';
import { LedgerKind, UsageLedgerEntry } from './usage-ledger.schema';

export interface Usage {
  prompts: number;
  tokens: number;
}

export interface OpenLedgerReservation {
  reservationId: string;
  hackathonId: string;
  studentId: string;
  tokens: number;
  at: Date;
  /** The ledger already holds its settlement or release. */
  finished: boolean;
}

@Injectable()
export class UsageLedgerRepository {
  constructor(@InjectModel(UsageLedgerEntry.name) private readonly ledger: Model<UsageLedgerEntry>) {}

  /** Appends one step; false when that step of that reservation is already recorded. */
  async append(entry: {
    hackathonId: string;
    studentId: string;
    reservationId: string;
    kind: LedgerKind;
    prompts: number;
    tokens: number;
    used?: number;
    userLimited: boolean;
    at: Date;
  }): Promise<boolean> {
    return insertOnce(this.ledger, {
      ...entry,
      ...(entry.kind === 'reserve' ? { open: true } : {}),
      hackathonId: new Types.ObjectId(entry.hackathonId),
      studentId: new Types.ObjectId(entry.studentId),
    });
  }

  /** Usage of one student in one hackathon (portable $group/$sum). */
  async usageOf(hackathonId: string, studentId: string): Promise<Usage> {
    return this.sum({ hackathonId: new Types.ObjectId(hackathonId), studentId: new Types.ObjectId(studentId) });
  }

  /** Tokens a student holds against their own `tokensAuthorized`, across hackathons. */
  async userLimitedTokensOf(studentId: string): Promise<number> {
    return (await this.sum({ studentId: new Types.ObjectId(studentId), userLimited: true })).tokens;
  }

  /** Tokens really used by a student, all hackathons (the user's `tokensUsed`). */
  async usedTokensOf(studentId: string): Promise<number> {
    return (
      await sumFields(this.ledger, { studentId: new Types.ObjectId(studentId), kind: 'settle' }, ['used'] as const)
    ).used;
  }

  /** Tokens really used by a student in one hackathon (settled steps), for the integrity check. */
  async usedTokensIn(hackathonId: string, studentId: string): Promise<number> {
    return (
      await sumFields(
        this.ledger,
        { hackathonId: new Types.ObjectId(hackathonId), studentId: new Types.ObjectId(studentId), kind: 'settle' },
        ['used'] as const,
      )
    ).used;
  }

  /** Every step recorded for one reservation (at most one per kind). */
  async stepsOf(
    reservationId: string,
  ): Promise<{ kind: LedgerKind; tokens: number; userLimited: boolean; at: Date }[]> {
    const rows = await this.ledger
      .find({ reservationId }, { kind: 1, tokens: 1, userLimited: 1, at: 1 })
      .lean<{ kind: LedgerKind; tokens: number; userLimited?: boolean; at: Date }[]>();
    return rows.map((r) => ({ kind: r.kind, tokens: r.tokens, userLimited: r.userLimited ?? false, at: r.at }));
  }

  /**
   * Reservations still marked open and reserved before `before`, oldest first, with whether
   * the ledger already holds their settlement or release (then only the mark is stale).
   * `scope` narrows to one (hackathon, student), whose reserve rows are all looked at.
   */
  async openBefore(
    before: Date,
    limit: number,
    scope?: { hackathonId: string; studentId: string },
  ): Promise<OpenLedgerReservation[]> {
    // One student's rows are few: all of them, marked or not (rows written before the mark existed).
    const match: Record<string, unknown> = scope
      ? {
          hackathonId: new Types.ObjectId(scope.hackathonId),
          studentId: new Types.ObjectId(scope.studentId),
          kind: 'reserve',
          at: { $lt: before },
        }
      : { open: true, kind: 'reserve', at: { $lt: before } };
    const rows = await this.ledger
      .find(match)
      .sort({ at: 1 })
      .limit(scope ? 0 : limit)
      .lean<(UsageLedgerEntry & { _id: Types.ObjectId })[]>();
    if (!rows.length) return [];
    const finished = new Set(
      (
        await this.ledger
          .find(
            { reservationId: { $in: rows.map((r) => r.reservationId) }, kind: { $in: ['settle', 'release'] } },
            {
              reservationId: 1,
            },
          )
          .lean<{ reservationId: string }[]>()
      ).map((r) => r.reservationId),
    );
    return rows.map((r) => ({
      reservationId: r.reservationId,
      hackathonId: String(r.hackathonId),
      studentId: String(r.studentId),
      tokens: r.tokens,
      at: r.at,
      finished: finished.has(r.reservationId),
    }));
  }

  /** Whether the ledger holds a reserve row for each of these reservations. */
  async reservedAmong(reservationIds: string[]): Promise<Set<string>> {
    if (!reservationIds.length) return new Set();
    const rows = await this.ledger
      .find({ reservationId: { $in: reservationIds }, kind: 'reserve' }, { reservationId: 1 })
      .lean<{ reservationId: string }[]>();
    return new Set(rows.map((r) => r.reservationId));
  }

  /** Clears the open mark of reservations whose end the ledger holds. */
  async markClosed(reservationIds: string[]): Promise<void> {
    if (!reservationIds.length) return;
    await this.ledger.updateMany({ reservationId: { $in: reservationIds }, kind: 'reserve' }, { $unset: { open: 1 } });
  }

  private sum(match: Record<string, unknown>): Promise<Usage> {
    return sumFields(this.ledger, match, ['prompts', 'tokens'] as const);
  }
}
