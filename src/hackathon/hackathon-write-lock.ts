import { Injectable } from '@nestjs/common';
import { DocumentLock } from '../../libs/redis';
import { HackathonErrors } from './hackathon.errors';

export interface WriteLockOptions {
  /** How long a holder may keep the lock before it expires by itself. */
  holdMs?: number;
  /** How long a writer waits for the lock before giving up with 409 HACKATHON_BUSY. */
  waitMs?: number;
}

/**
 * Serialises the writes to one hackathon across every API process (the shared
 * DocumentLock, with this context's errors).
 *
 * FerretDB applies an update by reading the document, changing it in memory and writing the
 * whole document back, without isolation: an edit racing a status change could put the old
 * `statut` back. Holding this lock around every read-modify-write of a hackathon prevents
 * that. It is not what decides a transition — the unique (hackathonId, seq) insert does, and
 * keeps deciding even if a lock expires under a stalled holder.
 */
@Injectable()
export class HackathonWriteLock {
  constructor(private readonly lock: DocumentLock) {}

  run<T>(hackathonId: string, work: () => Promise<T>, options: WriteLockOptions = {}): Promise<T> {
    return this.lock.run(`hackathon:${hackathonId}`, work, {
      holdMs: options.holdMs ?? 15_000,
      waitMs: options.waitMs ?? 5_000,
      busy: HackathonErrors.busy,
      unavailable: HackathonErrors.lockUnavailable,
    });
  }
}
