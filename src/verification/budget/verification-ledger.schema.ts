import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export type BudgetStep = 'reserve' | 'settle' | 'release';

/**
 * The durable record of a hackathon's verification budget: one row per step of one run
 * attempt (`runKey`: submission, fingerprint of what is checked, case, repetition, attempt).
 * The unique (runKey, kind) makes each step count once; summing `tokens` per hackathon
 * rebuilds the Redis counter (VerificationBudget) after Redis loses its keys.
 */
@Schema({ collection: 'verification_ledger', timestamps: false })
export class VerificationLedgerEntry {
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  /** What the runs are about (a submission and the fingerprint of what is checked): `runKey` starts with it. */
  @Prop({ type: String, required: true }) subject: string;
  @Prop({ type: String, required: true }) runKey: string;
  @Prop({ type: String, required: true, enum: ['reserve', 'settle', 'release'] }) kind: BudgetStep;
  /** Signed change to what the budget holds: reserve +R, settle -(R - charged), release -R. */
  @Prop({ type: Number, required: true }) tokens: number;
  /** On a settlement: the tokens charged for the run. */
  @Prop({ type: Number, default: 0 }) used: number;
  @Prop({ type: Date, required: true }) at: Date;
}

export const VerificationLedgerSchema = SchemaFactory.createForClass(VerificationLedgerEntry);
VerificationLedgerSchema.index({ runKey: 1, kind: 1 }, { unique: true });
VerificationLedgerSchema.index({ hackathonId: 1 });
VerificationLedgerSchema.index({ subject: 1 });
