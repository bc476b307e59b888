import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';
import type { VerificationSummary } from '../verification';

export type MessageRole = 'student' | 'assistant' | 'system';

/** docs/data-model.md §4.2, plus `replyTo`: the student message an assistant/system message answers. */
@Schema({ _id: true, timestamps: false })
export class Message {
  _id: Types.ObjectId;
  @Prop({ type: String, required: true, enum: ['student', 'assistant', 'system'] }) role: MessageRole;
  @Prop({ type: String, required: true }) content: string;
  @Prop({ type: Date, required: true }) createdAt: Date;
  @Prop({ type: Number, min: 0 }) tokenCount?: number;
  @Prop({ type: String }) modelUsed?: string;
  @Prop({ type: Types.ObjectId, default: null }) replyTo?: Types.ObjectId | null;
  /** What this message costs as history in a later prompt (chat wrapping included), counted once. */
  @Prop({ type: Number, min: 0 }) contextTokens?: number;
  /** An answer the student stopped while it was written: what was streamed until then. */
  @Prop({ type: Boolean }) interrompu?: boolean;
}
export const MessageSchema = SchemaFactory.createForClass(Message);

@Schema({ _id: false })
export class VersionFinale {
  @Prop({ type: String, required: true }) promptFinal: string;
  @Prop({ type: String, required: true }) reponseIAFinale: string;
  @Prop({ type: Date, required: true }) soumisLe: Date;
  /** The assistant message chosen, and what produced it (frozen at submission). */
  @Prop({ type: Types.ObjectId, default: null }) messageId?: Types.ObjectId | null;
  @Prop({ type: String, default: null }) modelName?: string | null;
  @Prop({ type: Number, default: null }) temperature?: number | null;
  @Prop({ type: Number, default: null }) maxTokens?: number | null;
  /**
   * The automatic checks' summary (src/verification/verification-summary.ts), every case
   * included: views for students go through summaryForStudent (conversation-view.ts).
   */
  @Prop({ type: Object, default: null }) verification?: VerificationSummary | null;
}

@Schema({ _id: false })
export class StatistiquesIA {
  @Prop({ type: String, default: null }) modelUtilise: string | null;
  @Prop({ type: Number, default: 0 }) tokensTotal: number;
  @Prop({ type: Number, default: 0 }) coutEstime: number;
}

/**
 * docs/data-model.md §4.1–4.4. Messages are embedded (as in the seed); `messageCount` and `totalTokens`
 * are kept with every message so listings and stats never read message arrays.
 */
@Schema({ collection: 'conversations', timestamps: true })
export class Conversation {
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  @Prop({ type: String, required: true }) tacheId: string;
  @Prop({ type: Types.ObjectId, required: true }) studentId: Types.ObjectId;
  @Prop({ type: String, default: null }) groupId?: string | null;
  @Prop({ type: String, required: true }) modelName: string;
  @Prop({ type: Number, required: true }) maxTokens: number;
  @Prop({ type: Number, default: null }) maxTokensUsed?: number | null;
  @Prop({ type: Number, required: true }) temperature: number;
  @Prop({ type: Number, default: null }) temperatureUsed?: number | null;
  @Prop({ type: [MessageSchema], default: [] }) messages: Message[];
  @Prop({ type: SchemaFactory.createForClass(VersionFinale), default: null }) versionFinale?: VersionFinale | null;
  @Prop({ type: SchemaFactory.createForClass(StatistiquesIA), default: () => ({}) }) statistiquesIA: StatistiquesIA;
  @Prop({ type: Number, default: 0 }) messageCount: number;
  @Prop({ type: Number, default: 0 }) totalTokens: number;
  /** False for an admin trying a `Test` hackathon: nothing is charged. */
  @Prop({ type: Boolean, default: true }) countsUsage: boolean;
  @Prop({ type: Boolean, default: false }) archived: boolean;
  /**
   * One turn at a time (invariant 8): the student message still waiting for its answer. Set
   * by the send that stores it, cleared by the reply or the failure that answers it.
   */
  @Prop({ type: Types.ObjectId, default: null }) pendingMessageId?: Types.ObjectId | null;
  /**
   * Present (true) exactly while a turn is open: the sweeper finds open turns by equality, which
   * FerretDB answers from an index, where `pendingMessageId: {$ne: null}` read every conversation
   * (3 s of engine CPU at 4 000 conversations, every 30 s).
   */
  @Prop({ type: Boolean }) turnOpen?: true;
  /** Examiners the grading assignments gave this conversation to (they alone may read it). */
  @Prop({ type: [Types.ObjectId], default: [] }) assignedExaminerIds: Types.ObjectId[];
  createdAt: Date;
  updatedAt: Date;
}

export type ConversationDocument = HydratedDocument<Conversation>;
export const ConversationSchema = SchemaFactory.createForClass(Conversation);
// docs/data-model.md §4.7 and 9.1.
ConversationSchema.index({ studentId: 1, createdAt: -1 });
ConversationSchema.index({ studentId: 1, updatedAt: -1 });
ConversationSchema.index({ hackathonId: 1, createdAt: -1 });
ConversationSchema.index({ hackathonId: 1, studentId: 1 });
ConversationSchema.index({ 'versionFinale.soumisLe': 1 });
// The sweeper's open turns (conversation.repository.ts pendingSince).
ConversationSchema.index({ turnOpen: 1 });

/** Invariant 4: the first insert per conversation wins; a second final version is refused. */
@Schema({ collection: 'final_submissions', timestamps: false })
export class FinalSubmission {
  @Prop({ type: Types.ObjectId, required: true }) conversationId: Types.ObjectId;
  @Prop({ type: Date, required: true }) at: Date;
}
export const FinalSubmissionSchema = SchemaFactory.createForClass(FinalSubmission);
FinalSubmissionSchema.index({ conversationId: 1 }, { unique: true });
