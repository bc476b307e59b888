import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ImportInvitation } from './import-invitation.schema';

export interface InvitationMarker {
  email: string;
  jobId: string;
  userId: string | null;
  sentAt: Date | null;
}

const isDuplicate = (err: any) => err?.code === 11000 || err?.code === 11001;

@Injectable()
export class ImportInvitationRepository {
  constructor(@InjectModel(ImportInvitation.name) private readonly markers: Model<ImportInvitation>) {}

  async find(email: string): Promise<InvitationMarker | null> {
    const d = await this.markers.findOne({ email }).lean();
    return d ? { email: d.email, jobId: d.jobId, userId: d.userId ?? null, sentAt: d.sentAt ?? null } : null;
  }

  /** True when this job now owns the email (unique insert: first one wins). */
  async claim(email: string, jobId: string): Promise<boolean> {
    try {
      await this.markers.create({ email, jobId, userId: null, sentAt: null });
      return true;
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
  }

  async release(email: string, jobId: string): Promise<void> {
    await this.markers.deleteOne({ email, jobId });
  }

  async setUser(email: string, userId: string): Promise<void> {
    await this.markers.updateOne({ email }, { $set: { userId } });
  }

  async markSent(email: string, at: Date): Promise<void> {
    await this.markers.updateOne({ email }, { $set: { sentAt: at } });
  }
}
