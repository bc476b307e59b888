import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * What an admin job needs that may not sit in Redis (docs/architecture.md invariant 9): an import's CSV,
 * with its names and emails. `_id` is the job id; the job's data names it by that id only.
 */
@Schema({ collection: 'job_inputs', timestamps: { createdAt: true, updatedAt: false }, versionKey: false })
export class JobInput {
  @Prop({ type: String, required: true }) _id: string;
  /** base64 of the UTF-8 text (JobInputRepository). */
  @Prop({ type: String, required: true }) text: string;
  @Prop({ type: String, default: null }) requestedBy: string | null;
  createdAt?: Date;
}
export const JobInputSchema = SchemaFactory.createForClass(JobInput);
