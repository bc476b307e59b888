import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * One finished execution of one case of a submission's checks (docs/api.md 1.2), written once
 * when it is complete. The unique (conversationId, empreinte, cas, repetition) is what makes a
 * replay resumable: a run found here is never run nor charged again, and of two runners racing
 * on the same run only the first result counts. `empreinte` fingerprints what was checked
 * (prompt, model, parameters, systeme, verification): changed checks get runs of their own.
 */
@Schema({ collection: 'verification_runs', timestamps: false })
export class VerificationRun {
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) conversationId: Types.ObjectId;
  @Prop({ type: String, required: true }) empreinte: string;
  @Prop({ type: Number, required: true, min: 0 }) cas: number;
  @Prop({ type: Number, required: true, min: 0 }) repetition: number;
  /** The attempt whose budget run key charged it (attempts before it failed and were released). */
  @Prop({ type: Number, required: true, min: 0 }) essai: number;
  @Prop({ type: String, default: '' }) reponse: string;
  @Prop({ type: Boolean, required: true }) reussi: boolean;
  @Prop({ type: [String], default: [] }) raisons: string[];
  @Prop({ type: Number, default: 0 }) promptTokens: number;
  @Prop({ type: Number, default: 0 }) completionTokens: number;
  @Prop({ type: Date, required: true }) at: Date;
}

export const VerificationRunSchema = SchemaFactory.createForClass(VerificationRun);
VerificationRunSchema.index({ conversationId: 1, empreinte: 1, cas: 1, repetition: 1 }, { unique: true });
VerificationRunSchema.index({ hackathonId: 1 });
