import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisService } from '../../libs/redis';
import { HackathonErrors } from './hackathon.errors';

// Deletes the lock only if it is still ours (it may have expired and been taken since).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** How long a holder may keep the lock before it expires by itself. */
const HOLD_MS = 15_000;
/** How long a writer waits for the lock before giving up with 409 HACKATHON_BUSY. */
const WAIT_MS = 5_000;

/**
 * Serialises the writes to one hackathon across every API process (Redis `SET NX PX`).
 *
 * FerretDB applies an update by reading the document, changing it in memory and writing the
 * whole document back, without isolation: an edit racing a status change could put the old
 * `statut` back. Holding this lock around every read-modify-write of a hackathon prevents
 * that. It is not what decides a transition — the unique (hackathonId, seq) insert does, and
 * keeps deciding even if a lock expires under a stalled holder.
 */
@Injectable()
export class HackathonWriteLock {
  private readonly logger = new Logger('HackathonWriteLock');

  constructor(private readonly redis: RedisService) {}

  /** Runs `work` while holding the hackathon's lock; waits (with backoff) for a holder to finish. */
  async run<T>(hackathonId: string, work: () => Promise<T>): Promise<T> {
    const key = this.redis.key('hackathon', hackathonId, 'write-lock');
    const token = randomUUID();
    const giveUpAt = Date.now() + WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      let acquired: string | null;
      try {
        acquired = await this.redis.client.set(key, token, 'PX', HOLD_MS, 'NX');
      } catch (err) {
        this.logger.warn(`verrou indisponible (${(err as Error).message})`);
        throw HackathonErrors.lockUnavailable();
      }
      if (acquired === 'OK') break;
      if (Date.now() >= giveUpAt) throw HackathonErrors.busy();
      await sleep(Math.min(5 * 2 ** Math.min(attempt, 4), 50) + Math.random() * 10);
    }
    try {
      return await work();
    } finally {
      await this.redis.client.eval(RELEASE, 1, key, token).catch((err: Error) => this.logger.warn(`libération du verrou impossible : ${err.message}`));
    }
  }
}
