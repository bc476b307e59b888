import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { insertOnce, sumFields } from '../../../libs/database';
import { LedgerKind, UsageLedgerEntry } from './usage-ledger.schema';

export interface Usage {
  prompts: number;
  tokens: number;
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

  private sum(match: Record<string, unknown>): Promise<Usage> {
    return sumFields(this.ledger, match, ['prompts', 'tokens'] as const);
  }
}
