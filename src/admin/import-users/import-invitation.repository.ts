import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DocumentRepository, DocumentWriteSerializer } from '../../../libs/database';
import { ImportInvitation } from './import-invitation.schema';

export interface InvitationMarker {
  email: string;
  jobId: string;
  userId: string | null;
  sentAt: Date | null;
}

/** The markers of `import_invitations`: which import created (and invited) which email. */
@Injectable()
export class ImportInvitationRepository extends DocumentRepository<ImportInvitation> {
  constructor(@InjectModel(ImportInvitation.name) model: Model<ImportInvitation>, serializer: DocumentWriteSerializer) {
    super(model, serializer);
  }

  async find(email: string): Promise<InvitationMarker | null> {
    const d = await this.model.findOne({ email }).lean();
    return d ? { email: d.email, jobId: d.jobId, userId: d.userId ?? null, sentAt: d.sentAt ?? null } : null;
  }

  /** True when this job now owns the email (unique insert: first one wins). */
  claim(email: string, jobId: string): Promise<boolean> {
    return this.insertOnce({ email, jobId, userId: null, sentAt: null });
  }

  async release(email: string, jobId: string): Promise<void> {
    await this.model.deleteOne({ email, jobId });
  }

  // One job owns a marker and runs in one place at a time: these writes have no rival.
  async setUser(email: string, userId: string): Promise<void> {
    await this.model.updateOne({ email }, { $set: { userId } });
  }

  async markSent(email: string, at: Date): Promise<void> {
    await this.model.updateOne({ email }, { $set: { sentAt: at } });
  }
}
