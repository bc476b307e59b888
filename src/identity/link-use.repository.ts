import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DocumentRepository, DocumentWriteSerializer, objectId } from '../../libs/database';
import type { LinkKind } from './one-time-link';
import { MagicLinkUse } from './user.schema';

/** The "token used" markers of one-time links (`magic_link_uses`). */
@Injectable()
export class LinkUseRepository extends DocumentRepository<MagicLinkUse> {
  constructor(@InjectModel(MagicLinkUse.name) model: Model<MagicLinkUse>, serializer: DocumentWriteSerializer) {
    super(model, serializer);
  }

  /** First use wins (unique index on the hash): false for every later attempt on the same token. */
  recordUse(kind: LinkKind, tokenHash: string, userId: string, at: Date): Promise<boolean> {
    return this.insertOnce({ tokenHash, kind, userId: objectId(userId), usedAt: at });
  }

  /** Whether this token was used already (its marker is kept a day: the link itself is unset at once anyway). */
  async wasUsed(tokenHash: string): Promise<boolean> {
    return (await this.model.countDocuments({ tokenHash }).limit(1)) > 0;
  }

  /** Drops the markers older than `before` (the link is unset right after its use anyway). */
  async purgeBefore(before: Date): Promise<number> {
    const res = await this.model.deleteMany({ usedAt: { $lt: before } });
    return res.deletedCount ?? 0;
  }
}
