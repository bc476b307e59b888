import { Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisService } from '../../libs/redis';

export type StreamEventType = 'delta' | 'message' | 'error';

export interface StreamEvent {
  id: string;
  type: StreamEventType;
  data: unknown;
}

const KEEP_ENTRIES = 5000;
const KEEP_SECONDS = 3600;

/**
 * One Redis Stream per conversation feeds its SSE clients: workers append answer deltas and
 * outcomes, readers resume after the entry id a client last saw (`Last-Event-ID`).
 */
@Injectable()
export class ConversationStream {
  private readonly logger = new Logger('ConversationStream');

  constructor(private readonly redis: RedisService) {}

  key(conversationId: string): string {
    return this.redis.key('stream', 'conversation', conversationId);
  }

  /** Best effort: a lost delta must not fail the job (the stored message is the truth). */
  async publish(conversationId: string, type: StreamEventType, data: unknown): Promise<void> {
    const key = this.key(conversationId);
    try {
      await this.redis.client
        .multi()
        .xadd(key, 'MAXLEN', '~', KEEP_ENTRIES, '*', 'type', type, 'data', JSON.stringify(data))
        .expire(key, KEEP_SECONDS)
        .exec();
    } catch (err) {
      this.logger.warn(`flux ${conversationId} : ${(err as Error).message}`);
    }
  }

  /** Blocks up to `blockMs` on a dedicated connection for entries after `afterId`. */
  async read(connection: Redis, conversationId: string, afterId: string, blockMs: number): Promise<StreamEvent[]> {
    const res = (await connection.xread(
      'COUNT',
      100,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.key(conversationId),
      afterId,
    )) as [string, [string, string[]][]][] | null;
    if (!res) return [];
    return res[0][1].map(([id, fields]) => {
      const f: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
      return { id, type: f.type as StreamEventType, data: JSON.parse(f.data) };
    });
  }

  /** The id of the newest entry, so a new client starts after it. */
  async lastId(conversationId: string): Promise<string> {
    const [last] = (await this.redis.client.xrevrange(this.key(conversationId), '+', '-', 'COUNT', 1)) as [
      string,
      string[],
    ][];
    return last ? last[0] : '0-0';
  }
}
