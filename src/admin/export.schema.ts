import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export type ExportKind = 'results' | 'conversations';

/**
 * One file produced by an export job (`export-results`: CSV; `export-conversations`: JSON
 * Lines). The unique `jobId` makes a retry replace its own file instead of adding a second one.
 * The content sits in `export_chunks`: a class's conversations outgrow one document.
 */
@Schema({ collection: 'exports', timestamps: { createdAt: true, updatedAt: false } })
export class ExportFile {
  @Prop({ type: String, required: true }) jobId: string;
  @Prop({ type: String, enum: ['results', 'conversations'], default: 'results' }) kind: ExportKind;
  @Prop({ type: String, required: true }) hackathonId: string;
  @Prop({ type: String, required: true }) filename: string;
  @Prop({ type: String, default: 'text/csv; charset=utf-8' }) contentType: string;
  @Prop({ type: Number, required: true }) rows: number;
  @Prop({ type: Number, default: 0 }) chunks: number;
  /** Files written before chunks existed keep their content here. */
  @Prop({ type: String }) csv?: string;
  @Prop({ type: String, default: null }) requestedBy: string | null;
  createdAt?: Date;
}
export const ExportFileSchema = SchemaFactory.createForClass(ExportFile);
ExportFileSchema.index({ jobId: 1 }, { unique: true });

/** One piece of an export's content, in order. */
@Schema({ collection: 'export_chunks', timestamps: false, versionKey: false })
export class ExportChunk {
  @Prop({ type: Types.ObjectId, required: true }) exportId: Types.ObjectId;
  @Prop({ type: Number, required: true }) seq: number;
  @Prop({ type: String, required: true }) data: string;
}
export const ExportChunkSchema = SchemaFactory.createForClass(ExportChunk);
ExportChunkSchema.index({ exportId: 1, seq: 1 }, { unique: true });
