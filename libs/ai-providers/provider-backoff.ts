import type { AiProviderName } from '../../config/ai-models';
import { AiProviderError } from './ai-provider.errors';

export interface ProviderBackoffOptions {
  /** Wait after a 429 without Retry-After; doubled on each 429 in a row. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429s one call waits out in line before its error goes to the caller (the job's own retries). */
  maxRetries: number;
}

export const PROVIDER_BACKOFF: ProviderBackoffOptions = { baseDelayMs: 1000, maxDelayMs: 30_000, maxRetries: 3 };

interface Waiter {
  ticket: number;
  resolve: (probe: boolean) => void;
}

/**
 * One provider's line after a 429: a class sending at once must not hammer a provider that
 * said "slow down", nor let a student who came later overtake one who waits. Once a call gets
 * 429, every call to that provider waits (Retry-After when given, else 1 s doubling up to
 * 30 s); then the first in line goes alone (a probe), and when it is not refused again all the
 * others go, in the order they first came. A call refused again keeps its place in front.
 * In a process; the other processes keep their own line.
 */
export class ProviderBackoff {
  private openAt = 0;
  /** 429s in a row; 0 once a call is answered otherwise. */
  private failures = 0;
  private probing = false;
  private readonly waiting: Waiter[] = [];
  private nextTicket = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly provider?: AiProviderName,
    private readonly options: ProviderBackoffOptions = PROVIDER_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {}

  /** Calls waiting for their turn (for tests and logs). */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /**
   * Runs `call` in its turn. A 429 (AiProviderError `rate_limited`) closes the line and, while
   * `mayRetry()` (nothing of the answer was streamed yet) and retries are left, the call waits
   * again at its place; `signal` aborting while in line rejects with a cancelled error.
   */
  async run<T>(call: () => Promise<T>, signal?: AbortSignal, mayRetry: () => boolean = () => true): Promise<T> {
    const ticket = this.nextTicket++;
    for (let retries = 0; ; retries++) {
      const probe = await this.turn(ticket, signal);
      try {
        const result = await call();
        this.answered(probe);
        return result;
      } catch (error) {
        if (!(error instanceof AiProviderError && error.kind === 'rate_limited')) {
          this.answered(probe);
          throw error;
        }
        this.refused(error.retryAfterMs, probe);
        if (retries >= this.options.maxRetries || !mayRetry() || signal?.aborted) {
          this.pump();
          throw error;
        }
      }
    }
  }

  private turn(ticket: number, signal?: AbortSignal): Promise<boolean> {
    if (!this.probing && !this.waiting.length && !this.failures && this.now() >= this.openAt)
      return Promise.resolve(false);
    if (signal?.aborted) return Promise.reject(AiProviderError.cancelled({ provider: this.provider }));
    return new Promise<boolean>((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(AiProviderError.cancelled({ provider: this.provider }));
      };
      const waiter: Waiter = {
        ticket,
        resolve: (probe) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(probe);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // In the order calls first came: one refused again goes back before later ones.
      const at = this.waiting.findIndex((w) => w.ticket > ticket);
      this.waiting.splice(at < 0 ? this.waiting.length : at, 0, waiter);
      this.pump();
    });
  }

  private answered(probe: boolean): void {
    this.failures = 0;
    if (probe) this.probing = false;
    this.pump();
  }

  private refused(retryAfterMs: number | undefined, probe: boolean): void {
    this.failures++;
    const delay =
      retryAfterMs ?? Math.min(this.options.baseDelayMs * 2 ** (this.failures - 1), this.options.maxDelayMs);
    this.openAt = Math.max(this.openAt, this.now() + delay);
    if (probe) this.probing = false;
  }

  /** Lets the next calls go when the line is open: one probe after a 429, then everyone in order. */
  private pump(): void {
    if (this.probing || !this.waiting.length) return;
    const wait = this.openAt - this.now();
    if (wait > 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
      this.timer.unref?.();
      return;
    }
    const first = this.waiting[0];
    if (this.failures) {
      this.probing = true;
      this.waiting.shift();
      first.resolve(true);
      return;
    }
    for (const waiter of this.waiting.splice(0)) waiter.resolve(false);
  }
}
