/** Sends one coalesced delta; must not throw (ConversationStream.publish logs and swallows). */
export type PublishText = (text: string) => Promise<void>;

export interface AnswerStreamTiming {
  /** A held piece waits at most this long before it is sent. */
  flushMs: number;
  /** Held text reaching this many characters is sent at once. */
  maxChars: number;
}

/** ~10 appends a second per answer instead of one per token (DESIGN.md "Performance budgets"). */
export const ANSWER_STREAM_TIMING: AnswerStreamTiming = { flushMs: 100, maxChars: 400 };

/**
 * The deltas of one attempt at an answer, coalesced on their way into the conversation's
 * stream: a model streams a token at a time, and one Redis append plus one SSE write per token
 * is most of a class's CPU. The first piece goes out at once (the first word is not delayed);
 * later pieces are held and sent every `flushMs` or `maxChars`, whichever comes first. One send
 * at a time, in order; while one is in flight the next pieces keep coalescing. `close()` sends
 * what is held and waits for it, so the final `message`/`error` event lands after every delta.
 */
export class AnswerStream {
  private held = '';
  private started = false;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> | null = null;
  /** A flush came due while a send was in flight: it runs when that send ends. */
  private due = false;

  constructor(
    private readonly publish: PublishText,
    private readonly timing: AnswerStreamTiming = ANSWER_STREAM_TIMING,
  ) {}

  /** One piece as the provider streamed it; never waits on Redis. */
  push(text: string): void {
    if (this.closed || !text) return;
    this.held += text;
    if (!this.started || this.held.length >= this.timing.maxChars) {
      this.started = true;
      this.flush();
    } else {
      this.timer ??= setTimeout(() => this.flush(), this.timing.flushMs);
    }
  }

  /** Sends what is held and resolves once every delta of this attempt is published. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    this.flush();
    while (this.sending) await this.sending;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.sending) {
      this.due = true;
      return;
    }
    if (!this.held) return;
    const text = this.held;
    this.held = '';
    this.due = false;
    this.sending = this.publish(text)
      .catch(() => undefined)
      .then(() => {
        this.sending = null;
        if (this.due || this.closed) this.flush();
      });
  }
}
