import { UnrecoverableError } from 'bullmq';

/** A job's attempt number (1-based), how many BullMQ grants it, and when its queue stops retrying it. */
export interface Attempt {
  number: number;
  max: number;
  /** Epoch ms past which a failure is final whatever attempts are left (the AI queue's retry window). */
  retryUntil?: number;
}

// Application errors that say "try again soon": a document or the queue was busy or away.
const TRANSIENT_CODES = /(_BUSY|_UNAVAILABLE)$/;

/**
 * Whether an error can never succeed on a later attempt: BullMQ's UnrecoverableError, an
 * error that says so itself (`retryable: false`, e.g. a provider's policy refusal), or an
 * application error of the 4xx kind other than "busy". Everything else (network, database,
 * Redis, 5xx, timeouts) is worth another attempt.
 */
export function isPermanentError(err: unknown): boolean {
  if (err instanceof UnrecoverableError) return true;
  const e = err as { retryable?: unknown; status?: unknown; code?: unknown } | null;
  if (typeof e?.retryable === 'boolean') return !e.retryable;
  if (typeof e?.status === 'number' && typeof e.code === 'string')
    return e.status < 500 && !TRANSIENT_CODES.test(e.code);
  return false;
}

/** The one rule of a final failure: the error is permanent, this was the last attempt, or the retry window is spent. */
export function isFinalFailure(err: unknown, attempt: Attempt, now = Date.now()): boolean {
  return (
    isPermanentError(err) ||
    attempt.number >= attempt.max ||
    (attempt.retryUntil !== undefined && now >= attempt.retryUntil)
  );
}

/** A short reason for reports and logs: `CODE: message` for application errors. */
export function failureReason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' && !message.startsWith(e.code) ? `${e.code}: ${message}` : message;
}
