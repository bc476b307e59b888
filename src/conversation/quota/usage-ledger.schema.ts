import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export type LedgerKind = 'reserve' | 'settle' | 'release';

/**
 * Append-only record of the quota gate: one row per reservation and per settlement or
 * release. Summing it per (hackathon, student) rebuilds usage after Redis loses its keys;
 * the unique (reservationId, kind) makes every step count once, however often a job retries.
 */
@Schema({ collection: 'usage_ledger', timestamps: false })
export class UsageLedgerEntry {
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) studentId: Types.ObjectId;
  @Prop({ type: String, required: true }) reservationId: string;
  @Prop({ type: String, required: true, enum: ['reserve', 'settle', 'release'] }) kind: LedgerKind;
  /** Signed changes to usage: reserve +1/+R, settle 0/-(R-actual), release -1/-R. */
  @Prop({ type: Number, required: true }) prompts: number;
  @Prop({ type: Number, required: true }) tokens: number;
  /** On a settlement: the tokens the call really used (what `tokensUsed` sums). */
  @Prop({ type: Number, default: 0 }) used: number;
  /** Whether the reservation also counted against the user's own tokensAuthorized. */
  @Prop({ type: Boolean, default: false }) userLimited: boolean;
  @Prop({ type: Date, required: true }) at: Date;
  /**
   * On a reserve row: true until the sweeper has seen its settlement or release (cleared in
   * batches there, not on the hot path), so it finds reservations left open by a crash.
   */
  @Prop({ type: Boolean }) open?: boolean;
}

export const UsageLedgerSchema = SchemaFactory.createForClass(UsageLedgerEntry);
UsageLedgerSchema.index({ reservationId: 1, kind: 1 }, { unique: true });
UsageLedgerSchema.index({ hackathonId: 1, studentId: 1 });
UsageLedgerSchema.index({ studentId: 1 });
UsageLedgerSchema.index({ open: 1 });
