import { Injectable } from '@nestjs/common';
import type { FilterQuery, Model, UpdateQuery } from 'mongoose';
import { Types } from 'mongoose';
import { DocumentLock, DocumentLockOptions } from '../redis/document-lock';
import { DatabaseEngine } from './database-engine';
import { DatabaseLock } from './database-lock';

/** How a write is serialized: by the Redis lock only, or by the database's while Redis is away. */
type WriteLock = 'redis' | 'even-without-redis';

/** A document as a lean read returns it: the schema's fields plus `_id`. */
export type Stored<T> = T & { _id: Types.ObjectId };

/** Codes 11000 and 11001 both mean "that unique key is taken" (MongoDB and FerretDB answer either). */
export function isDuplicateKeyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 11000 || code === 11001;
}

/** ISO-8601 of a stored date (or of a date string), null when absent. */
export function isoDate(d: unknown): string | null {
  if (d instanceof Date) return d.toISOString();
  return d ? new Date(d as string).toISOString() : null;
}

/** The same, for fields that are always set. */
export function isoDateOf(d: unknown): string {
  return isoDate(d) ?? new Date(0).toISOString();
}

export const objectId = (id: string) => new Types.ObjectId(id);

/**
 * Inserts a document that a unique index may already hold: true for the first insert of a
 * key, false for every later one (atomic on MongoDB and FerretDB alike). For append-only
 * collections (claims, logs) whose documents are never updated.
 */
export async function insertOnce<T>(model: Model<T>, doc: Record<string, unknown>): Promise<boolean> {
  try {
    await model.create(doc);
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/** What a `mutate` decision returns: the update to apply (none to leave the document) and the caller's answer. */
export interface Decision<R> {
  update?: UpdateQuery<unknown> | null;
  result: R;
}

/**
 * Serializes the writers of one document across every process, where the engine needs it.
 *
 * FerretDB applies every update by reading the whole document, changing it in Go and writing
 * it back, without isolation: 50 concurrent `$push` on one document kept 7 (docs/architecture.md).
 * MongoDB applies one operator update atomically, so a blind update needs no lock there; a
 * read-decide-write needs one on every engine.
 */
@Injectable()
export class DocumentWriteSerializer {
  constructor(
    private readonly lock: DocumentLock,
    private readonly engine: DatabaseEngine,
    private readonly databaseLock: DatabaseLock,
  ) {}

  get operatorUpdatesAreAtomic(): boolean {
    return !this.engine.isFerretDb;
  }

  run<T>(collection: string, id: string, work: () => Promise<T>, options?: DocumentLockOptions): Promise<T> {
    return this.lock.run(`${collection}:${id}`, work, options);
  }

  /**
   * As `run`, but while Redis cannot be asked, serialized through the database instead
   * (DatabaseLock): for the writes that must not wait for Redis (opening and ending a session).
   * Every writer of the document is still serialized: while Redis is away, the others cannot
   * take their lock and answer `503 LOCK_UNAVAILABLE`.
   */
  async runEvenWithoutRedis<T>(
    collection: string,
    id: string,
    work: () => Promise<T>,
    options: DocumentLockOptions = {},
  ): Promise<T> {
    const redisAway = new Error('redis away');
    try {
      return await this.lock.run(`${collection}:${id}`, work, { ...options, unavailable: () => redisAway });
    } catch (err) {
      if (err !== redisAway) throw err;
      return this.databaseLock.run(`${collection}:${id}`, work, options.holdMs, options.waitMs);
    }
  }
}

/**
 * Base of every repository: the one write path of a document. Use cases never take locks;
 * they call a repository method that writes through `update`, `mutate` or `insertOnce`.
 */
export abstract class DocumentRepository<TSchema> {
  /** The error for a writer that waited too long for the document (default 409 RESOURCE_BUSY). */
  protected lockOptions: DocumentLockOptions = {};

  protected constructor(
    protected readonly model: Model<TSchema>,
    private readonly serializer: DocumentWriteSerializer,
  ) {}

  protected get collectionName(): string {
    return this.model.collection.collectionName;
  }

  /** The stored `_id` of an id string (ObjectId; a repository keyed by strings overrides it). */
  protected storedId(id: string): unknown {
    return objectId(id);
  }

  /**
   * One operator update (`$set`, `$inc`, `$push`...) of document `id`, when it also matches
   * `condition`. Serialized with the document's other writers where the engine needs it, so
   * the condition and the change are one step on every engine. True when it matched.
   */
  protected update(id: string, update: UpdateQuery<TSchema>, condition: FilterQuery<TSchema> = {}): Promise<boolean> {
    return this.conditionalUpdate(id, update, condition, 'redis');
  }

  /** `update` that goes on while Redis is away (DocumentWriteSerializer.runEvenWithoutRedis): for a sign-in's writes. */
  protected updateEvenWithoutRedis(
    id: string,
    update: UpdateQuery<TSchema>,
    condition: FilterQuery<TSchema> = {},
  ): Promise<boolean> {
    return this.conditionalUpdate(id, update, condition, 'even-without-redis');
  }

  /**
   * Read-decide-write of document `id` with no other writer in between, on every engine:
   * `decide` sees the current document (lean, null when missing) and says what to change.
   * Keep decisions to operator updates of the fields they read (a `$set` of a counter read
   * here would undo a blind `$inc` made on MongoDB meanwhile).
   */
  protected mutate<R>(
    id: string,
    decide: (current: Stored<TSchema> | null) => Decision<R> | Promise<Decision<R>>,
    projection?: Record<string, 0 | 1>,
  ): Promise<R> {
    return this.readDecideWrite(id, decide, projection, 'redis');
  }

  /**
   * `mutate` that goes on while Redis is away (DocumentWriteSerializer.runEvenWithoutRedis): for
   * the writes a sign-in needs.
   */
  protected mutateEvenWithoutRedis<R>(
    id: string,
    decide: (current: Stored<TSchema> | null) => Decision<R> | Promise<Decision<R>>,
  ): Promise<R> {
    return this.readDecideWrite(id, decide, undefined, 'even-without-redis');
  }

  /** `work` serialized with the document's other writers: by Redis, or by the database while Redis is away. */
  private serializedBy<R>(id: string, work: () => Promise<R>, lock: WriteLock): Promise<R> {
    return lock === 'redis'
      ? this.serializer.run(this.collectionName, id, work, this.lockOptions)
      : this.serializer.runEvenWithoutRedis(this.collectionName, id, work, this.lockOptions);
  }

  private async conditionalUpdate(
    id: string,
    update: UpdateQuery<TSchema>,
    condition: FilterQuery<TSchema>,
    lock: WriteLock,
  ): Promise<boolean> {
    const write = async () =>
      (await this.model.updateOne({ ...condition, _id: this.storedId(id) } as FilterQuery<TSchema>, update))
        .matchedCount === 1;
    if (this.serializer.operatorUpdatesAreAtomic) return write();
    return this.serializedBy(id, write, lock);
  }

  private readDecideWrite<R>(
    id: string,
    decide: (current: Stored<TSchema> | null) => Decision<R> | Promise<Decision<R>>,
    projection: Record<string, 0 | 1> | undefined,
    lock: WriteLock,
  ): Promise<R> {
    return this.serializedBy(
      id,
      async () => {
        const current = (await this.model.findById(id, projection).lean()) as Stored<TSchema> | null;
        const { update, result } = await decide(current);
        if (current && update) await this.model.updateOne({ _id: current._id }, update as UpdateQuery<TSchema>);
        return result;
      },
      lock,
    );
  }

  /**
   * Runs `work` with no other writer of document `id` in between, on every engine: for writes
   * of what the document owns in other collections (a hackathon's jury, say).
   */
  protected serialized<R>(id: string, work: () => Promise<R>): Promise<R> {
    return this.serializer.run(this.collectionName, id, work, this.lockOptions);
  }

  /** `insertOnce` into this repository's own collection. */
  protected insertOnce(doc: Record<string, unknown>): Promise<boolean> {
    return insertOnce(this.model, doc);
  }
}
