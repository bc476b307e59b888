import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { isHalfPoint, NOTE_MESSAGES } from './note-scale';

/** docs/data-model.md §6.1–6.3. Invariant 4 rests on the unique (examinerId, conversationId) index. */
@Schema({ collection: 'evaluations', timestamps: true })
export class Evaluation {
  @Prop({ type: Types.ObjectId, required: true }) conversationId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) studentId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) examinerId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, default: null }) hackathonId?: Types.ObjectId | null;
  @Prop({ type: String, default: null }) tacheId?: string | null;
  @Prop({
    type: Number,
    required: true,
    min: [1, NOTE_MESSAGES.min],
    max: [10, NOTE_MESSAGES.max],
    validate: { validator: isHalfPoint, message: NOTE_MESSAGES.step },
  })
  note: number;
  @Prop({ type: String, required: true, trim: true, minlength: [10, NOTE_MESSAGES.comment] }) comment: string;
  @Prop({ type: Date, required: true }) gradedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}
export const EvaluationSchema = SchemaFactory.createForClass(Evaluation);
// docs/data-model.md §6.5 and 9.1.
EvaluationSchema.index({ examinerId: 1, conversationId: 1 }, { unique: true });
EvaluationSchema.index({ examinerId: 1, gradedAt: -1 });
EvaluationSchema.index({ hackathonId: 1, note: -1 });
EvaluationSchema.index({ studentId: 1, gradedAt: -1 });
EvaluationSchema.index({ hackathonId: 1, gradedAt: -1 });

export type AssignmentStatus = 'pending' | 'done';

/** One submission to grade by one examiner; written by the assignments job, done when graded. */
@Schema({ collection: 'grading_assignments', timestamps: false })
export class GradingAssignment {
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) conversationId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) examinerId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) studentId: Types.ObjectId;
  @Prop({ type: String, default: null }) tacheId?: string | null;
  @Prop({ type: String, default: null }) groupId?: string | null;
  @Prop({ type: Date, required: true }) soumisLe: Date;
  @Prop({ type: String, required: true, enum: ['pending', 'done'] }) status: AssignmentStatus;
  @Prop({ type: Date, required: true }) assignedAt: Date;
  /** The job run that created it (its mail lists what this run created, retries included). */
  @Prop({ type: String, required: true }) runId: string;
  @Prop({ type: Date, default: null }) doneAt?: Date | null;
  @Prop({ type: Types.ObjectId, default: null }) evaluationId?: Types.ObjectId | null;
}
export const GradingAssignmentSchema = SchemaFactory.createForClass(GradingAssignment);
GradingAssignmentSchema.index({ examinerId: 1, conversationId: 1 }, { unique: true });
GradingAssignmentSchema.index({ examinerId: 1, status: -1, assignedAt: 1 });
GradingAssignmentSchema.index({ hackathonId: 1, examinerId: 1 });
GradingAssignmentSchema.index({ hackathonId: 1, runId: 1 });

/** "Candidat N": a stable pseudonym per (hackathon, student); both pairs are unique. */
@Schema({ collection: 'candidate_pseudonyms', timestamps: false })
export class CandidatePseudonym {
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) studentId: Types.ObjectId;
  @Prop({ type: Number, required: true }) numero: number;
}
export const CandidatePseudonymSchema = SchemaFactory.createForClass(CandidatePseudonym);
CandidatePseudonymSchema.index({ hackathonId: 1, studentId: 1 }, { unique: true });
CandidatePseudonymSchema.index({ hackathonId: 1, numero: 1 }, { unique: true });
