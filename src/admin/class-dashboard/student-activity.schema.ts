import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * The class dashboard's row of one student in one hackathon, kept from the domain events'
 * own payloads (ClassActivityListener: counters incremented, the newest facts set), never by
 * reading conversations on the way; rebuilt from the conversations only to repair it
 * (ClassActivityRepair). The dashboard reads these small rows, never the conversations.
 */
@Schema({ collection: 'student_activity', timestamps: true })
export class StudentActivityRow {
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) studentId: Types.ObjectId;
  @Prop({ type: Number, default: 0 }) conversations: number;
  @Prop({ type: Number, default: 0 }) pendingReplies: number;
  @Prop({ type: Number, default: 0 }) failedReplies: number;
  @Prop({ type: Number, default: 0 }) submitted: number;
  @Prop({ type: Date, default: null }) lastActivityAt: Date | null;
  @Prop({ type: Object, default: null }) lastError: { message: string; at: string } | null;
  /** The conversation worked in last, and what its next send would need (ids and numbers only). */
  @Prop({ type: Object, default: null }) latest: {
    conversationId: string;
    at: string;
    historyTokens: number;
    maxTokens: number;
  } | null;
  /** `429 QUOTA_*` answers to this student's sends, and the last one. Events only: a rebuild keeps them. */
  @Prop({ type: Number, default: 0 }) refusals: number;
  @Prop({ type: Object, default: null }) lastRefusal: { code: string; at: string } | null;
  createdAt: Date;
  updatedAt: Date;
}
export const StudentActivitySchema = SchemaFactory.createForClass(StudentActivityRow);
StudentActivitySchema.index({ hackathonId: 1, studentId: 1 }, { unique: true });
