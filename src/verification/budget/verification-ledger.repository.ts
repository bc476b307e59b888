import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { insertOnce, objectId, Stored, sumFields } from '../../../libs/database';
import { BudgetStep, VerificationLedgerEntry } from './verification-ledger.schema';

export interface LedgerStep {
  hackathonId: string;
  subject: string;
  runKey: string;
  kind: BudgetStep;
  tokens: number;
  used?: number;
  at: Date;
}

/** The only code that knows the verification_ledger collection (append-only). */
@Injectable()
export class VerificationLedgerRepository {
  constructor(@InjectModel(VerificationLedgerEntry.name) private readonly ledger: Model<VerificationLedgerEntry>) {}

  /** Appends one step; false when that step of that run was already recorded. */
  append(step: LedgerStep): Promise<boolean> {
    return insertOnce(this.ledger, { ...step, hackathonId: objectId(step.hackathonId) });
  }

  /** What the budget holds (reserved and charged), from the ledger alone. */
  async heldBy(hackathonId: string): Promise<number> {
    return (await sumFields(this.ledger, { hackathonId: objectId(hackathonId) }, ['tokens'] as const)).tokens;
  }

  /** Every step of a hackathon's runs (to rebuild which runs are in flight). */
  async stepsOf(hackathonId: string): Promise<LedgerStep[]> {
    const rows = await this.ledger
      .find({ hackathonId: objectId(hackathonId) })
      .lean<Stored<VerificationLedgerEntry>[]>();
    return rows.map(toStep);
  }

  /** The steps of the runs about one subject. */
  async stepsAbout(subject: string): Promise<LedgerStep[]> {
    return (await this.ledger.find({ subject }).lean<Stored<VerificationLedgerEntry>[]>()).map(toStep);
  }

  /** The steps of one run. */
  async stepsOfRun(runKey: string): Promise<LedgerStep[]> {
    return (await this.ledger.find({ runKey }).lean<Stored<VerificationLedgerEntry>[]>()).map(toStep);
  }
}

function toStep(r: Stored<VerificationLedgerEntry>): LedgerStep {
  return {
    hackathonId: String(r.hackathonId),
    subject: r.subject,
    runKey: r.runKey,
    kind: r.kind,
    tokens: r.tokens,
    used: r.used,
    at: r.at,
  };
}
