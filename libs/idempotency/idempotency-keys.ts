import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Clock } from '../clock';
import { IdempotencyKeyRepository, IdempotencyScope } from './idempotency-key.repository';

/** How long a key's first answer is replayed (docs/api.md, Idempotency-Key). */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
/**
 * How long a claim may stay `running` before it is taken for abandoned (its process died between
 * the claim and the answer): far above what a send or a submit takes, even while the engine or
 * Redis is slow to answer (they fail within seconds), so a live request is never overtaken.
 */
export const IDEMPOTENCY_LEASE_MS = 60_000;
/** How long a request finding its key `running` waits for the answer before 409 IDEMPOTENCY_IN_PROGRESS. */
export const IDEMPOTENCY_WAIT_MS = 2_000;

export type IdempotencyStart =
  | { kind: 'claimed'; claimId: string }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'in-progress' }
  | { kind: 'reused' };

/**
 * The life of one key: `start` claims it (this request does the work) or finds its first answer
 * (replayed), waiting a little while another request still works on it; `finish` records the
 * answer; `abandon` drops a failed request's claim, so a retry with the same key does the work.
 */
@Injectable()
export class IdempotencyKeys {
  constructor(
    private readonly keys: IdempotencyKeyRepository,
    private readonly clock: Clock,
  ) {}

  async start(scope: IdempotencyScope, fingerprint: string): Promise<IdempotencyStart> {
    const deadline = this.clock.now().getTime() + IDEMPOTENCY_WAIT_MS;
    let pause = 25;
    for (;;) {
      const now = this.clock.now();
      const claimId = await this.keys.claim(scope, fingerprint, now, new Date(now.getTime() + IDEMPOTENCY_TTL_MS));
      if (claimId) return { kind: 'claimed', claimId };
      // Taken: read it until it has an answer, disappears (its request failed) or time is up.
      for (;;) {
        const found = await this.keys.find(scope);
        if (!found) break;
        const at = this.clock.now().getTime();
        const abandoned = found.state === 'running' && at - found.createdAt.getTime() > IDEMPOTENCY_LEASE_MS;
        if (found.expiresAt.getTime() <= at || abandoned) {
          // Removed by its own id: a newer claim of the same key is never touched.
          await this.keys.remove(found.id);
          break;
        }
        if (found.fingerprint !== fingerprint) return { kind: 'reused' };
        if (found.state === 'done' && found.status !== null && found.body !== null)
          return { kind: 'replay', status: found.status, body: found.body };
        if (at >= deadline) return { kind: 'in-progress' };
        await sleep(pause);
        pause = Math.min(pause * 2, 200);
      }
      if (this.clock.now().getTime() >= deadline) return { kind: 'in-progress' };
    }
  }

  async finish(claimId: string, status: number, body: string): Promise<void> {
    await this.keys.complete(claimId, status, body);
  }

  async abandon(claimId: string): Promise<void> {
    await this.keys.remove(claimId);
  }

  /** The scheduled purge (expiry is checked on read anyway). */
  purgeExpired(now: Date): Promise<number> {
    return this.keys.purgeExpired(now);
  }
}
