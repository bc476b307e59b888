import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisService } from './redis.service';
import { disconnectAndWait } from './disconnect';

export interface StreamEntry {
  id: string;
  type: string;
  data: unknown;
}

export type StreamListener = (entry: StreamEntry) => void;

interface Subscriber {
  lastId: string;
  listener: StreamListener;
  /** Live entries held back while the subscriber catches up on its own. */
  pending: StreamEntry[] | null;
}

const BLOCK_MS = 10_000;

/** Redis Stream ids are `<ms>-<seq>`: compared as two numbers. */
export function streamIdAfter(a: string, b: string): boolean {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am > bm || (am === bm && as > bs);
}

function toEntry([id, fields]: [string, string[]]): StreamEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  return { id, type: f.type, data: JSON.parse(f.data ?? 'null') };
}

/**
 * Redis Streams that feed Server-Sent Events: writers append, and every SSE client of a
 * process is served by ONE blocking reader connection (XREAD over all the streams watched),
 * not one connection per client. A new subscriber first catches up on its own (XRANGE after
 * the id it last saw, e.g. `Last-Event-ID`), then joins the shared read; each subscriber gets
 * every entry once, in order.
 */
@Injectable()
export class RedisStreams implements OnApplicationShutdown {
  private readonly logger = new Logger('RedisStreams');
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  /** Per stream key: the last entry id the shared reader delivered. */
  private readonly cursors = new Map<string, string>();
  private reader?: Redis;
  private readerId?: number;
  private running = false;
  private stopped = false;

  constructor(private readonly redis: RedisService) {}

  /** Appends one entry; the stream keeps about `maxLen` entries and lives `ttlSeconds` after its last write. */
  async append(key: string, type: string, data: unknown, maxLen = 5000, ttlSeconds = 3600): Promise<string | null> {
    const [[, id]] = (await this.redis.client
      .multi()
      .xadd(key, 'MAXLEN', '~', maxLen, '*', 'type', type, 'data', JSON.stringify(data))
      .expire(key, ttlSeconds)
      .exec()) as [[Error | null, string]];
    return id;
  }

  /** The id of the newest entry, so a new client starts after it. */
  async lastId(key: string): Promise<string> {
    const [last] = (await this.redis.client.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
    return last ? last[0] : '0-0';
  }

  /** Delivers every entry after `afterId` to `listener` until the returned function is called. */
  async subscribe(key: string, afterId: string, listener: StreamListener): Promise<() => void> {
    const sub: Subscriber = { lastId: afterId, listener, pending: [] };
    const set = this.subscribers.get(key) ?? new Set<Subscriber>();
    if (!this.subscribers.has(key)) {
      this.subscribers.set(key, set);
      this.cursors.set(key, afterId === '0-0' ? '0-0' : afterId);
      this.wake();
    }
    // Joined first, so nothing the shared reader reads meanwhile is missed (held in `pending`).
    set.add(sub);
    this.start();
    const unsubscribe = () => {
      set.delete(sub);
      if (!set.size && this.subscribers.get(key) === set) {
        this.subscribers.delete(key);
        this.cursors.delete(key);
      }
    };
    try {
      // Catch up alone (this client may resume from far behind the shared reader), then flush.
      const backlog = (await this.redis.client.xrange(key, `(${afterId}`, '+', 'COUNT', 5000)) as [string, string[]][];
      const held = sub.pending ?? [];
      sub.pending = null;
      for (const raw of backlog) this.deliver(sub, toEntry(raw));
      for (const entry of held) this.deliver(sub, entry);
    } catch (err) {
      unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  private deliver(sub: Subscriber, entry: StreamEntry): void {
    if (sub.pending) {
      sub.pending.push(entry);
      return;
    }
    if (!streamIdAfter(entry.id, sub.lastId)) return;
    sub.lastId = entry.id;
    try {
      sub.listener(entry);
    } catch (err) {
      this.logger.warn(`abonné de flux en échec : ${(err as Error).message}`);
    }
  }

  private start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.loop().finally(() => (this.running = false));
  }

  /** A subscription on a new stream: the blocked XREAD must restart with it. */
  private wake(): void {
    if (this.readerId === undefined) return;
    this.redis.client.client('UNBLOCK', this.readerId).catch(() => undefined);
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped && this.subscribers.size) {
      try {
        if (!this.reader) {
          this.reader = this.redis.duplicate({
            maxRetriesPerRequest: null,
            enableOfflineQueue: true,
            connectionName: `${this.redis.prefix}:sse-reader`,
          });
          this.readerId = Number(await this.reader.client('ID'));
        }
        const keys = [...this.subscribers.keys()];
        const ids = keys.map((k) => this.cursors.get(k) ?? '$');
        const res = (await this.reader.xread('COUNT', 500, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...ids)) as
          [string, [string, string[]][]][] | null;
        failures = 0;
        for (const [key, entries] of res ?? []) {
          for (const raw of entries) {
            const entry = toEntry(raw);
            this.cursors.set(key, entry.id);
            for (const sub of this.subscribers.get(key) ?? []) this.deliver(sub, entry);
          }
        }
      } catch (err) {
        if (this.stopped) break;
        failures++;
        if (failures === 1) this.logger.warn(`lecture des flux interrompue : ${(err as Error).message}`);
        await sleep(Math.min(200 * failures, 2000));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await disconnectAndWait(this.reader);
  }
}
