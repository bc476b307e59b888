import { Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LockErrors } from '../redis/document-lock';

/** What a lock document looks like: `_id` is the resource, `token` its holder. */
interface LockDocument {
  _id: string;
  token: string;
  expiresAt: Date;
}

/**
 * The document lock of libs/redis/document-lock.ts kept in the database instead, for the few
 * writes that must go on while Redis is away (a sign-in's session): a unique `_id` insert into
 * `document_locks` decides the holder (atomic on MongoDB and FerretDB alike), a delete of the
 * holder's own token releases it, and a lock past its expiry (its holder died) is taken over.
 */
@Injectable()
export class DatabaseLock {
  private readonly logger = new Logger('DatabaseLock');

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async run<T>(resource: string, work: () => Promise<T>, holdMs = 15_000, waitMs = 15_000): Promise<T> {
    const locks = this.connection.collection<LockDocument>('document_locks');
    const token = randomUUID();
    const giveUpAt = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      const now = Date.now();
      try {
        await locks.insertOne({ _id: resource, token, expiresAt: new Date(now + holdMs) });
        break;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code !== 11000 && code !== 11001) throw err;
      }
      await locks.deleteOne({ _id: resource, expiresAt: { $lt: new Date(now) } });
      if (Date.now() >= giveUpAt) throw LockErrors.busy();
      await sleep(Math.min(5 * 2 ** Math.min(attempt, 4), 50) + Math.random() * 10);
    }
    try {
      return await work();
    } finally {
      await locks
        .deleteOne({ _id: resource, token })
        .catch((err: Error) => this.logger.warn(`libération du verrou impossible : ${err.message}`));
    }
  }
}
