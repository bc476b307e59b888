import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One CSV file produced by the `export-results` job. The unique `jobId` makes a retry
 * replace its own file instead of adding a second one.
 */
@Schema({ collection: 'exports', timestamps: { createdAt: true, updatedAt: false } })
export class ResultsExport {
  @Prop({ type: String, required: true }) jobId: string;
  @Prop({ type: String, required: true }) hackathonId: string;
  @Prop({ type: String, required: true }) filename: string;
  /** The whole file, BOM included. */
  @Prop({ type: String, required: true }) csv: string;
  @Prop({ type: Number, required: true }) rows: number;
  @Prop({ type: String, default: null }) requestedBy: string | null;
  createdAt?: Date;
}
export const ResultsExportSchema = SchemaFactory.createForClass(ResultsExport);
ResultsExportSchema.index({ jobId: 1 }, { unique: true });
