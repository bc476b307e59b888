import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One row per email an import created: the unique email makes "create and invite once"
 * hold across retries and reruns (first insert wins on every engine).
 */
@Schema({ collection: 'import_invitations', timestamps: true })
export class ImportInvitation {
  @Prop({ type: String, required: true }) email: string;
  /** The import job that claimed the email. */
  @Prop({ type: String, required: true }) jobId: string;
  @Prop({ type: String, default: null }) userId: string | null;
  @Prop({ type: Date, default: null }) sentAt: Date | null;
}
export const ImportInvitationSchema = SchemaFactory.createForClass(ImportInvitation);
ImportInvitationSchema.index({ email: 1 }, { unique: true });
