import { Injectable, Logger } from '@nestjs/common';
import { RedisService, RedisStreams, StreamEntry } from '../../libs/redis';

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

  /** Every event after `afterId` (default: from now on) until the returned function is called. */
  async subscribe(conversationId: string, afterId: string | null, listener: (e: StreamEntry) => void) {
    const key = this.key(conversationId);
    return this.streams.subscribe(key, afterId ?? (await this.streams.lastId(key)), listener);
  }
}
