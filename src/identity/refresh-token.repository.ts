import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DocumentRepository, DocumentWriteSerializer, objectId } from '../../libs/database';
import { RefreshToken } from './user.schema';

export interface RefreshTokenRecord {
  userId: string;
  sessionId: string;
  generation: number;
  expiresAt: Date;
}

/** The refresh-token chains of sessions (`refresh_tokens`, `_id` = hash of the token). */
@Injectable()
export class RefreshTokenRepository extends DocumentRepository<RefreshToken> {
  constructor(@InjectModel(RefreshToken.name) model: Model<RefreshToken>, serializer: DocumentWriteSerializer) {
    super(model, serializer);
  }

  /**
   * Records a token of a session's chain. False when that generation of the session already
   * exists: the token it would succeed was refreshed before (unique (sessionId, generation)).
   */
  issue(tokenHash: string, record: RefreshTokenRecord, at: Date): Promise<boolean> {
    return this.insertOnce({
      _id: tokenHash,
      userId: objectId(record.userId),
      sessionId: record.sessionId,
      generation: record.generation,
      createdAt: at,
      expiresAt: record.expiresAt,
    });
  }

  async find(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const doc = await this.model.findById(tokenHash).lean();
    return doc
      ? {
          userId: String(doc.userId),
          sessionId: doc.sessionId,
          generation: doc.generation,
          expiresAt: new Date(doc.expiresAt),
        }
      : null;
  }

  /** Maintenance: rows of tokens that can no longer be used. */
  async purgeExpired(now: Date): Promise<number> {
    const res = await this.model.deleteMany({ expiresAt: { $lt: now } });
    return res.deletedCount ?? 0;
  }
}
