import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisService } from './redis.service';
import { disconnectAndWait } from './disconnect';

export interface StreamEntry {
  id: string;
  type: string;
  data: unknown;
  /** `data` as stored (JSON): an SSE frame is written from it without parsing and serialising again. */
  json: string;
}

export type StreamListener = (entry: StreamEntry) => void;
/** Every entry one read brought, in order: written out to a client at once (libs/http/sse.ts). */
export type StreamBatchListener = (entries: StreamEntry[]) => void;

interface Subscriber {
  lastId: string;
  listener: StreamBatchListener;
  /** Live entries held back while the subscriber catches up on its own. */
  pending: StreamEntry[] | null;
}

const BLOCK_MS = 10_000;

/**
 * XADD with its trim and the stream's expiry in one command (one round trip, one command for
 * Redis to parse instead of MULTI/XADD/EXPIRE/EXEC): appending is what every answer does most.
 */
const APPEND_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'type', ARGV[3], 'data', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return id`;

type WithAppend = Redis & {
  streamAppend(key: string, maxLen: number, ttlSeconds: number, type: string, json: string): Promise<string>;
};

/** Redis Stream ids are `<ms>-<seq>`: compared as two numbers. */
export function streamIdAfter(a: string, b: string): boolean {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am > bm || (am === bm && as > bs);
}

/** `data` is parsed only when a listener reads it (the SSE path writes `json` as it is). */
class Entry implements StreamEntry {
  private parsed?: { value: unknown };
  constructor(
    readonly id: string,
    readonly type: string,
    readonly json: string,
  ) {}
  get data(): unknown {
    this.parsed ??= { value: JSON.parse(this.json) };
    return this.parsed.value;
  }
}

function toEntry([id, fields]: [string, string[]]): StreamEntry {
  let type = '';
  let json = 'null';
  for (let i = 0; i < fields.length; i += 2) {
    if (fields[i] === 'type') type = fields[i + 1];
    else if (fields[i] === 'data') json = fields[i + 1];
  }
  return new Entry(id, type, json);
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
    return this.appender().streamAppend(key, maxLen, ttlSeconds, type, JSON.stringify(data));
  }

  private appender(): WithAppend {
    const client = this.redis.client as WithAppend;
    // Sent as EVALSHA; ioredis loads the script itself the first time Redis does not know it.
    if (typeof client.streamAppend !== 'function')
      client.defineCommand('streamAppend', { numberOfKeys: 1, lua: APPEND_SCRIPT });
    return client;
  }

  /** The id of the newest entry, so a new client starts after it. */
  async lastId(key: string): Promise<string> {
    const [last] = (await this.redis.client.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
    return last ? last[0] : '0-0';
  }

  /** Delivers every entry after `afterId` to `listener` until the returned function is called. */
  subscribe(key: string, afterId: string, listener: StreamListener): Promise<() => void> {
    return this.subscribeBatches(key, afterId, (entries) => {
      for (const entry of entries) {
        try {
          listener(entry);
        } catch (err) {
          this.logger.warn(`abonné de flux en échec : ${(err as Error).message}`);
        }
      }
    });
  }

  /**
   * As `subscribe`, but each read's entries come in one call (the catch-up at once, then what
   * each shared read brought), so an SSE client gets them in one socket write.
   */
  async subscribeBatches(key: string, afterId: string, listener: StreamBatchListener): Promise<() => void> {
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
      this.deliver(sub, [...backlog.map(toEntry), ...held]);
    } catch (err) {
      unsubscribe();
      throw err;
    }
    return unsubscribe;
  }

  /** The entries `sub` has not seen yet, in one call. */
  private deliver(sub: Subscriber, entries: StreamEntry[]): void {
    if (sub.pending) {
      sub.pending.push(...entries);
      return;
    }
    const fresh: StreamEntry[] = [];
    for (const entry of entries) {
      if (!streamIdAfter(entry.id, sub.lastId)) continue;
      sub.lastId = entry.id;
      fresh.push(entry);
    }
    if (!fresh.length) return;
    try {
      sub.listener(fresh);
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
        for (const [key, raws] of res ?? []) {
          if (!raws.length) continue;
          const entries = raws.map(toEntry);
          this.cursors.set(key, entries[entries.length - 1].id);
          for (const sub of this.subscribers.get(key) ?? []) this.deliver(sub, entries);
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
