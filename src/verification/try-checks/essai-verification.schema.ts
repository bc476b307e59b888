import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import type { TaskVerification } from '../../hackathon';
import type { VerificationStatut, VerificationSummary } from '../verification-summary';

/**
 * A teacher's try of a task's checks on a sample prompt (docs/api.md 1.2, "try it"): what was
 * tried, frozen when asked (the definition may be one the teacher has not saved), and its
 * summary once the AI queue ran it. Its runs are verification_runs of their own
 * (`conversationId` = this try's id), charged to the hackathon's verification budget.
 */
@Schema({ collection: 'verification_essais', timestamps: false })
export class EssaiVerification {
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  /** The saved task it was tried for; null for a task not saved yet. */
  @Prop({ type: String, default: null }) tacheId: string | null;
  @Prop({ type: Types.ObjectId, required: true }) requestedBy: Types.ObjectId;
  @Prop({ type: String, required: true }) prompt: string;
  @Prop({ type: String, default: null }) systeme: string | null;
  /** The definition tried, every case once (`repetitions` 1). */
  @Prop({ type: Object, required: true }) verification: TaskVerification;
  @Prop({ type: String, required: true }) modelName: string;
  @Prop({ type: Number, required: true }) temperature: number;
  @Prop({ type: Number, required: true }) maxTokens: number;
  @Prop({ type: String, required: true, enum: ['en_attente', 'terminee', 'budget_epuise', 'echec'] })
  statut: VerificationStatut;
  @Prop({ type: Object, default: null }) resume: VerificationSummary | null;
  /** What its runs cost the verification budget, once ended. */
  @Prop({ type: Number, default: 0 }) tokensFactures: number;
  @Prop({ type: Date, required: true }) createdAt: Date;
  @Prop({ type: Date, default: null }) finishedAt: Date | null;
}

export const EssaiVerificationSchema = SchemaFactory.createForClass(EssaiVerification);
EssaiVerificationSchema.index({ hackathonId: 1 });
