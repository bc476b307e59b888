import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import type { Rule } from '../../hackathon';

export type EssaiStatut = 'en_attente' | 'terminee' | 'echec';

/** One public case as it was when the try started (public: students see its inputs and rules). */
export interface EssaiCase {
  entrees: Record<string, string>;
  attendu: Rule[];
}

export interface EssaiCaseResult {
  reussi: boolean;
  reponse: string;
  raisons: string[];
}

/**
 * A student's try of a prompt on the task's public cases (docs/api.md 1.2). It holds only
 * public cases: a hidden case is never copied here. `resultats` maps `c<i>` to the result of
 * case i, written once each, so a resumed job runs only what is missing.
 */
@Schema({ collection: 'essais', timestamps: false })
export class Essai {
  @Prop({ type: Types.ObjectId, required: true }) conversationId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) studentId: Types.ObjectId;
  @Prop({ type: String, required: true }) prompt: string;
  @Prop({ type: String, required: true }) modelName: string;
  @Prop({ type: Number, required: true }) temperature: number;
  @Prop({ type: Number, required: true }) maxTokens: number;
  @Prop({ type: String, default: null }) systeme: string | null;
  @Prop({ type: Boolean, default: true }) countsUsage: boolean;
  @Prop({ type: [Object], default: [] }) cas: EssaiCase[];
  /** The task's rules for every case. */
  @Prop({ type: [Object], default: [] }) regles: Rule[];
  /** Tokens reserved for each case (the quota gate's reservations `essai-<id>-<i>`). */
  @Prop({ type: [Number], default: [] }) reserves: number[];
  @Prop({ type: String, required: true, enum: ['en_attente', 'terminee', 'echec'] }) statut: EssaiStatut;
  @Prop({ type: Object, default: () => ({}) }) resultats: Record<string, EssaiCaseResult>;
  @Prop({ type: String, default: null }) erreur: string | null;
  @Prop({ type: Date, required: true }) createdAt: Date;
  @Prop({ type: Date, default: null }) finishedAt: Date | null;
}

export const EssaiSchema = SchemaFactory.createForClass(Essai);
EssaiSchema.index({ conversationId: 1 });
