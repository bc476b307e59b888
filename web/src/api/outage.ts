// Outages (docs/api.md « Outages: 503 with Retry-After »): while the database or Redis is away the
// API answers `503` (DATABASE_UNAVAILABLE, REDIS_UNAVAILABLE, …) with `Retry-After: 5`. This layer
// of the page's fetch waits that long and sends the request again — only a request that can be sent
// twice without harm: a read (GET, HEAD), or a write carrying its action's Idempotency-Key (a prompt,
// a final version: idempotency.ts), whose retry the API answers once. Anything else (a stop, a try,
// a settings change…) is never sent again by itself: the page says when to try again
// (errors.ts, messageFor). While it waits, `outage` says so; the layout shows it (OutageNotice.tsx).
// The same for a `429 RATE_LIMITED` with `Retry-After` (docs/api.md: per user once signed in, per
// address before): a student who clicks fast, or a class behind one school address, waits it out.
// A quota `429` (QUOTA_PROMPTS_EXCEEDED, QUOTA_TOKENS_EXCEEDED) has no Retry-After — waiting does
// not help — and is never sent again; nor is any other `429` code.

/** New tries after a first `503` (or `429 RATE_LIMITED`): three, so about 15 s with the API's `Retry-After: 5`. */
export const OUTAGE_RETRIES = 3;
/** The longest wait honoured between two tries (a far `Retry-After` is not waited on a page). */
export const OUTAGE_MAX_WAIT_MS = 30_000;

/**
 * `Retry-After` in milliseconds: delay-seconds (`5`) or an HTTP date; null when absent or unreadable.
 * A date in the past is 0.
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/[a-z]/i.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Whether sending `request` again cannot do the work twice: a read, or a write with its Idempotency-Key. */
export function replayable(request: Request): boolean {
  return request.method === 'GET' || request.method === 'HEAD' || request.headers.has('Idempotency-Key');
}

/** One wait of the page for the service to come back. */
export interface OutageWait {
  /** When the next try leaves (ms since the epoch). */
  retryAt: number;
  /** The try coming (1 for the first new try) and how many there will be at most. */
  attempt: number;
  of: number;
  /** What waits: a read, or something the person sent (a prompt, a final version). */
  what: 'lecture' | 'envoi';
  /** Why: the service away a moment (`503`, the default), or too many requests (`429 RATE_LIMITED`). */
  cause?: WaitCause;
}

export type WaitCause = 'indisponible' | 'trop-de-demandes';

/**
 * How long an answer asks to wait before the same request goes again, and why; null when it
 * does not ask: a `503` with `Retry-After`, or a `429` whose code is RATE_LIMITED with
 * `Retry-After`. Never a quota `429` (no Retry-After, and another code).
 */
export async function askedWait(res: Response, now: number): Promise<{ ms: number; cause: WaitCause } | null> {
  if (res.status !== 503 && res.status !== 429) return null;
  const ms = retryAfterMs(res.headers.get('Retry-After'), now);
  if (ms === null) return null;
  if (res.status === 503) return { ms, cause: 'indisponible' };
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { code?: unknown } | null;
  return body?.code === 'RATE_LIMITED' ? { ms, cause: 'trop-de-demandes' } : null;
}

/** The waits of the page's requests now; the notice shows the first try to come. */
export class OutageBoard {
  private readonly waits = new Map<number, OutageWait>();
  private readonly listeners = new Set<(w: OutageWait | null) => void>();
  private nextId = 0;

  /**
   * The wait to show: something the person sent (its « not lost » matters most to them), else a
   * read; among them, the earliest next try.
   */
  current(): OutageWait | null {
    let best: OutageWait | null = null;
    const rank = (w: OutageWait) => (w.what === 'envoi' ? 0 : 1);
    for (const w of this.waits.values()) {
      if (!best || rank(w) < rank(best) || (rank(w) === rank(best) && w.retryAt < best.retryAt)) best = w;
    }
    return best;
  }

  /** A request starts waiting (or waits again); returns its id for `set` and `done`. */
  set(wait: OutageWait, id: number = ++this.nextId): number {
    this.waits.set(id, wait);
    this.emit();
    return id;
  }

  /** That request has its answer (or gave up): its wait is no longer shown. */
  done(id: number): void {
    if (this.waits.delete(id)) this.emit();
  }

  subscribe(listener: (w: OutageWait | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const now = this.current();
    for (const l of this.listeners) l(now);
  }
}

/** The board of this page (client.ts's fetch writes it, the layout reads it). */
export const outage = new OutageBoard();

/**
 * fetch that sends a replayable request again after a `503` with `Retry-After` or a `429
 * RATE_LIMITED` with `Retry-After` (askedWait), at most `retries` times, saying on `board` when
 * the next try leaves. The last answer is returned as it came (a `503` or `429` once the tries
 * are spent: the page then says when to try again, errors.ts).
 */
export function outageRetryingFetch(
  inner: typeof fetch,
  options: {
    board?: OutageBoard;
    retries?: number;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
  } = {},
): typeof fetch {
  const board = options.board ?? outage;
  const retries = options.retries ?? OUTAGE_RETRIES;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  return async (input, init) => {
    const request = new Request(input, init);
    if (!replayable(request)) return inner(request);
    const what = request.method === 'GET' || request.method === 'HEAD' ? 'lecture' : 'envoi';
    let waiting: number | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        const res = await inner(request.clone());
        if (attempt > retries) return res;
        const wait = await askedWait(res, now());
        if (wait === null) return res;
        const ms = Math.min(wait.ms, OUTAGE_MAX_WAIT_MS);
        if (request.signal.aborted) throw request.signal.reason;
        waiting = board.set({ retryAt: now() + ms, attempt, of: retries, what, cause: wait.cause }, waiting);
        await waitUnlessAborted(sleep(ms), request.signal);
      }
    } finally {
      if (waiting !== undefined) board.done(waiting);
    }
  };
}

/**
 * The wait between two tries, cut short when the caller aborts its request: the promise then
 * rejects at once with the abort's reason, as fetch does, and no wait stays on the board.
 */
function waitUnlessAborted(wait: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    wait.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
