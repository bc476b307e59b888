import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { DocumentRepository, DocumentWriteSerializer, objectId, Stored } from '../database';
import { IdempotencyKey } from './idempotency-key.schema';

/** Which key: one user's key on one route. */
export interface IdempotencyScope {
  userId: string;
  route: string;
  key: string;
}

export interface StoredIdempotencyKey {
  id: string;
  fingerprint: string;
  state: 'running' | 'done';
  status: number | null;
  body: string | null;
  createdAt: Date;
  expiresAt: Date;
}

const toStored = (d: Stored<IdempotencyKey>): StoredIdempotencyKey => ({
  id: d._id.toHexString(),
  fingerprint: d.fingerprint,
  state: d.state,
  status: d.status ?? null,
  body: d.body ?? null,
  createdAt: new Date(d.createdAt),
  expiresAt: new Date(d.expiresAt),
});

/** `idempotency_keys` (idempotency-key.schema.ts). */
@Injectable()
export class IdempotencyKeyRepository extends DocumentRepository<IdempotencyKey> {
  constructor(@InjectModel(IdempotencyKey.name) model: Model<IdempotencyKey>, serializer: DocumentWriteSerializer) {
    super(model, serializer);
  }

  /**
   * Claims the key for the caller's request: the id of the new row, or null when a row holds
   * the key already (unique index: the first insert wins on every engine).
   */
  async claim(scope: IdempotencyScope, fingerprint: string, now: Date, expiresAt: Date): Promise<string | null> {
    const _id = new Types.ObjectId();
    const inserted = await this.insertOnce({
      _id,
      userId: objectId(scope.userId),
      route: scope.route,
      key: scope.key,
      fingerprint,
      state: 'running',
      status: null,
      body: null,
      createdAt: now,
      expiresAt,
    });
    return inserted ? _id.toHexString() : null;
  }

  async find(scope: IdempotencyScope): Promise<StoredIdempotencyKey | null> {
    const d = await this.model
      .findOne({ userId: objectId(scope.userId), route: scope.route, key: scope.key })
      .lean<Stored<IdempotencyKey>>();
    return d ? toStored(d) : null;
  }

  /**
   * The claim's answer, written by the one request that holds it. Not through the serialized
   * `update`: a row has one writer only (its claimant; others just delete it), so there is no
   * read-decide-write to protect, and the lock would cost a keyed send two Redis round trips.
   */
  async complete(id: string, status: number, body: string): Promise<boolean> {
    const res = await this.model.updateOne(
      { _id: objectId(id), state: 'running' },
      { $set: { state: 'done', status, body } },
    );
    return res.matchedCount === 1;
  }

  /** Drops one row (a failed request's claim, or an expired or abandoned row found on the way). */
  async remove(id: string): Promise<void> {
    await this.model.deleteOne({ _id: objectId(id) });
  }

  /** Purges the rows expired at `now` (what a TTL index does on MongoDB; FerretDB has none). */
  async purgeExpired(now: Date): Promise<number> {
    return (await this.model.deleteMany({ expiresAt: { $lt: now } })).deletedCount ?? 0;
  }
}
