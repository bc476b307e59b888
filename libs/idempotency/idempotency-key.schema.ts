import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * The first answer of a request sent with an `Idempotency-Key` (idempotency.interceptor.ts):
 * one row per (user, route, key), inserted as a claim (`running`) by the request that does the
 * work, then completed with its answer (`done`). The unique index makes "exactly one does the
 * work" atomic on MongoDB and FerretDB alike (an insert, never an update, decides it).
 */
@Schema({ collection: 'idempotency_keys', timestamps: false, versionKey: false })
export class IdempotencyKey {
  @Prop({ type: Types.ObjectId, required: true }) userId: Types.ObjectId;
  /** The route's name (its OpenAPI operationId), not its path: a key is scoped to one kind of request. */
  @Prop({ type: String, required: true }) route: string;
  @Prop({ type: String, required: true }) key: string;
  /** SHA-256 of the path parameters and the body: the same key with another request is refused. */
  @Prop({ type: String, required: true }) fingerprint: string;
  @Prop({ type: String, required: true, enum: ['running', 'done'] }) state: 'running' | 'done';
  @Prop({ type: Number, default: null }) status: number | null;
  /** The answer's JSON text, replayed as is (a string: bodies may hold keys MongoDB would refuse). */
  @Prop({ type: String, default: null }) body: string | null;
  @Prop({ type: Date, required: true }) createdAt: Date;
  @Prop({ type: Date, required: true }) expiresAt: Date;
}
export const IdempotencyKeySchema = SchemaFactory.createForClass(IdempotencyKey);
IdempotencyKeySchema.index({ userId: 1, route: 1, key: 1 }, { unique: true });
// Where the engine has TTL (MongoDB), expired rows vanish by themselves; FerretDB has none
// (libs/database/database-engine.ts), so reads check `expiresAt` and the cleanup-magic-links
// job purges them (src/admin/cleanup-magic-links/cleanup-magic-links.usecase.ts).
IdempotencyKeySchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
