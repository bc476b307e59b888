import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, OUTAGE_RETRY_AFTER_S } from '../http/app-error';
import { RedisService } from './redis.service';

// Deletes the lock only if it is still ours (it may have expired and been taken since).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface DocumentLockOptions {
  /** How long a holder may keep the lock before it expires by itself. */
  holdMs?: number;
  /** How long a writer waits for the lock before giving up. */
  waitMs?: number;
  /** The error when the wait runs out (default 409 RESOURCE_BUSY). */
  busy?: () => Error;
  /** The error when Redis cannot be asked (default 503 LOCK_UNAVAILABLE). */
  unavailable?: () => Error;
}

export const LockErrors = {
  busy: () => new AppError(409, 'RESOURCE_BUSY', 'Ressource occupée par une autre modification, réessayez'),
  unavailable: () =>
    new AppError(
      503,
      'LOCK_UNAVAILABLE',
      'Service de verrouillage indisponible, réessayez dans un instant',
      undefined,
      {
        'Retry-After': String(OUTAGE_RETRY_AFTER_S),
      },
    ),
};

/**
 * Serialises read-modify-writes of one document across every process (Redis `SET NX PX`).
 *
 * FerretDB applies an update by reading the whole document, changing it and writing it back
 * without isolation: 50 concurrent `$push` on one document kept 7 (measured here). Any
 * document that several requests or jobs may update at once is written under this lock.
 */
@Injectable()
export class DocumentLock {
  private readonly logger = new Logger('DocumentLock');

  constructor(private readonly redis: RedisService) {}

  async run<T>(resource: string, work: () => Promise<T>, options: DocumentLockOptions = {}): Promise<T> {
    const key = this.redis.key('lock', resource);
    const token = randomUUID();
    const holdMs = options.holdMs ?? 15_000;
    // As long as a holder may keep it: 60 writers of one document queue ~6 s behind each other
    // on FerretDB on a loaded 2-core machine, and a writer that gives up earlier fails for nothing.
    const giveUpAt = Date.now() + (options.waitMs ?? 15_000);
    for (let attempt = 0; ; attempt++) {
      let acquired: string | null;
      try {
        acquired = await this.redis.client.set(key, token, 'PX', holdMs, 'NX');
      } catch (err) {
        this.logger.warn(`verrou indisponible (${(err as Error).message})`);
        throw (options.unavailable ?? LockErrors.unavailable)();
      }
      if (acquired === 'OK') break;
      if (Date.now() >= giveUpAt) throw (options.busy ?? LockErrors.busy)();
      await sleep(Math.min(5 * 2 ** Math.min(attempt, 4), 50) + Math.random() * 10);
    }
    try {
      return await work();
    } finally {
      await this.redis.client
        .eval(RELEASE, 1, key, token)
        .catch((err: Error) => this.logger.warn(`libération du verrou impossible : ${err.message}`));
    }
  }
}
