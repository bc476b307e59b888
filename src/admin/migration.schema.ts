import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** One row per migration applied (docs/data-model.md §11.1). The unique name makes each run once. */
@Schema({ collection: 'migrations', timestamps: false })
export class MigrationRecord {
  @Prop({ type: String, required: true }) name: string;
  @Prop({ type: Date, required: true }) appliedAt: Date;
  /** What the migration reported (e.g. how many users it changed). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: null }) result: unknown;
}
export const MigrationRecordSchema = SchemaFactory.createForClass(MigrationRecord);
MigrationRecordSchema.index({ name: 1 }, { unique: true });
