// `Idempotency-Key` for the actions a person may have to try again (docs/api.md, « Retrying a send
// or a final version: Idempotency-Key »): one key per action, the same key on every retry of it.
import { ApiError } from './errors';

/**
 * A new key: a UUID. `crypto.randomUUID` exists only on HTTPS or localhost pages; a school serving
 * the app over plain HTTP still has `getRandomValues`, from which the same kind of UUID is made.
 */
export function newActionKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The failures after which the same request is sent again, with the same key: the network (the
 * answer may have been lost after the work was done: the key makes the retry answer it),
 * `409 IDEMPOTENCY_IN_PROGRESS` (the first try still runs) and a `503` without `Retry-After`.
 * A `503` with `Retry-After` (the API's outages) was already tried again after that delay by
 * outage.ts, which spent its tries: not once more here. A `401` is retried by authed-fetch.ts
 * after a refresh with the same request, so the same key.
 */
function worthRetrying(err: unknown): boolean {
  return (
    err instanceof ApiError &&
    (err.status === 0 || (err.status === 503 && err.retryAfterMs === null) || err.code === 'IDEMPOTENCY_IN_PROGRESS')
  );
}

/** Pauses between the tries of one action (ms): three tries within about two seconds. */
export const RETRY_PAUSES_MS: readonly number[] = [500, 1500];

/** Runs `attempt` with `key`, and again with the same key after a failure worth retrying. */
export async function withKey<T>(
  key: string,
  attempt: (key: string) => Promise<T>,
  pausesMs: readonly number[] = RETRY_PAUSES_MS,
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt(key);
    } catch (err) {
      if (i >= pausesMs.length || !worthRetrying(err)) throw err;
      await new Promise((r) => setTimeout(r, pausesMs[i]));
    }
  }
}

/**
 * The key of an action a person may try again by hand (« Envoyer » clicked again after « Le
 * serveur ne répond pas »): the same key while they send the same thing and it has not succeeded;
 * a new one for anything else, or once it succeeded (sending the same text again is then meant).
 */
export class ActionKeys {
  private last: { what: string; key: string } | null = null;

  keyFor(what: string): string {
    if (this.last?.what !== what) this.last = { what, key: newActionKey() };
    return this.last.key;
  }

  succeeded(): void {
    this.last = null;
  }
}
