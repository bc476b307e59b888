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

  /** Every event after `afterId` (default: from now on), a read's entries at once, until the returned function is called. */
  async subscribe(conversationId: string, afterId: string | null, listener: (entries: StreamEntry[]) => void) {
    const key = this.key(conversationId);
    return this.streams.subscribeBatches(key, afterId ?? (await this.streams.lastId(key)), listener);
  }
}
