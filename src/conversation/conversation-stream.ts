import { Injectable, Logger } from '@nestjs/common';
import { RedisService, RedisStreams, StreamEntry } from '../../libs/redis';
import { AnswerStream } from './answer-stream';

export type StreamEventType = 'delta' | 'message' | 'error' | 'verification' | 'essai';

const KEEP_ENTRIES = 5000;
const KEEP_SECONDS = 3600;

/**
 * One Redis Stream per conversation feeds its SSE clients: the reply job appends answer deltas
 * and outcomes, readers resume after the entry id a client last saw (`Last-Event-ID`). Writer
 * and reader live here; the reading itself is the process's one shared reader (RedisStreams).
 */
@Injectable()
export class ConversationStream {
  private readonly logger = new Logger('ConversationStream');

  constructor(
    private readonly redis: RedisService,
    private readonly streams: RedisStreams,
  ) {}

  private key(conversationId: string): string {
    return this.redis.key('stream', 'conversation', conversationId);
  }

  /** Best effort: a lost delta must not fail the job (the stored message is the truth). */
  async publish(conversationId: string, type: StreamEventType, data: unknown): Promise<void> {
    try {
      await this.streams.append(this.key(conversationId), type, data, KEEP_ENTRIES, KEEP_SECONDS);
    } catch (err) {
      this.logger.warn(`flux ${conversationId} : ${(err as Error).message}`);
    }
  }

  /**
   * The deltas of one attempt at answering `messageId`, coalesced (answer-stream.ts): the
   * `delta` event keeps its shape `{messageId, text, attempt}`, its text is just longer.
   */
  answer(conversationId: string, messageId: string, attempt: number): AnswerStream {
    return new AnswerStream((text) => this.publish(conversationId, 'delta', { messageId, text, attempt }));
  }

  /**
   * The answer to `messageId` as streamed so far: its deltas of the latest attempt, read back
   * from the end of the stream (one turn at a time: they are the newest deltas).
   */
  async streamedAnswer(conversationId: string, messageId: string): Promise<string> {
    const key = this.key(conversationId);
    const pieces: { attempt: number; text: string }[] = [];
    let before = '+';
    for (let read = 0; read < KEEP_ENTRIES;) {
      const page = (await this.redis.client.xrevrange(key, before, '-', 'COUNT', 500)) as [string, string[]][];
      for (const [, fields] of page) {
        const f: Record<string, string> = {};
        for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
        if (f.type !== 'delta') continue;
        const d = JSON.parse(f.data ?? 'null') as { messageId?: string; text?: string; attempt?: number } | null;
        // A delta of an earlier turn: everything before it is older still.
        if (d?.messageId !== messageId) return joinLatestAttempt(pieces);
        pieces.push({ attempt: d.attempt ?? 1, text: d.text ?? '' });
      }
      if (page.length < 500) break;
      read += page.length;
      before = `(${page[page.length - 1][0]}`;
    }
    return joinLatestAttempt(pieces);
  }

  /** Every event after `afterId` (default: from now on), a read's entries at once, until the returned function is called. */
  async subscribe(conversationId: string, afterId: string | null, listener: (entries: StreamEntry[]) => void) {
    const key = this.key(conversationId);
    return this.streams.subscribeBatches(key, afterId ?? (await this.streams.lastId(key)), listener);
  }
}

/** Deltas read newest first: the text of the latest attempt, in order. */
function joinLatestAttempt(newestFirst: { attempt: number; text: string }[]): string {
  const latest = Math.max(0, ...newestFirst.map((p) => p.attempt));
  return newestFirst
    .filter((p) => p.attempt === latest)
    .reverse()
    .map((p) => p.text)
    .join('');
}
