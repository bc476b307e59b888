import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type JobReportState = 'waiting' | 'active' | 'completed' | 'failed';

/**
 * What a reported job did (every job of the `admin` queue, whichever context queued it), kept
 * in MongoDB so `GET /admin/jobs/:id` answers for any job id and survives Redis. Results live
 * here only: BullMQ's own copy in Redis holds no result (it may name people).
 */
@Schema({ collection: 'job_reports', timestamps: true })
export class JobReport {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: String, required: true }) name: string;
  @Prop({ type: String, required: true, enum: ['waiting', 'active', 'completed', 'failed'] }) state: JobReportState;
  @Prop({ type: Number, default: 0, min: 0, max: 100 }) progress: number;
  @Prop({ type: Object, default: null }) result: unknown;
  @Prop({ type: String, default: null }) failedReason: string | null;
  @Prop({ type: String, default: null }) requestedBy: string | null;
  @Prop({ type: Number, default: 0 }) attempts: number;
  @Prop({ type: Date, default: null }) startedAt: Date | null;
  @Prop({ type: Date, default: null }) finishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
export const JobReportSchema = SchemaFactory.createForClass(JobReport);
JobReportSchema.index({ name: 1, createdAt: -1 });
