import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * The class dashboard's row of one student in one hackathon, recomputed from the student's
 * conversations whenever they send, are answered, fail or submit (ClassActivityListener):
 * the dashboard reads these small rows, never the conversations.
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
  createdAt: Date;
  updatedAt: Date;
}
export const StudentActivitySchema = SchemaFactory.createForClass(StudentActivityRow);
StudentActivitySchema.index({ hackathonId: 1, studentId: 1 }, { unique: true });
