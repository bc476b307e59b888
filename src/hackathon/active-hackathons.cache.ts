import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/env.schema';
import { RedisService } from '../../libs/redis';
import type { HackathonView } from './hackathon.repository';

export interface CachedRead {
  /** The generation read with the entry; `undefined` when Redis could not be read. */
  generation?: string;
  /** The cached list when it belongs to the current generation. */
  items?: HackathonView[];
}

/**
 * docs/data-model.md §14.2.2's cache of running hackathons, made safe against a reader putting back a list
 * it computed before a write: every write bumps a generation counter, and an entry counts
 * only when it was stored under the current generation. One GET of the generation per read, a second only when it moved.
 *
 * Redis away: reads go to the database, writes still succeed (logged); the entry then lives
 * at most ACTIVE_HACKATHONS_CACHE_TTL_S seconds.
 */
@Injectable()
export class ActiveHackathonsCache {
  private readonly logger = new Logger('ActiveHackathonsCache');
  private readonly generationKey: string;
  private readonly entryKey: string;
  /** The entry this process read last, parsed (read() hands it out while its generation holds). */
  private parsed: { generation: string; items: HackathonView[] } | null = null;

  constructor(
    private readonly redis: RedisService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.generationKey = redis.key('hackathons', 'active', 'generation');
    this.entryKey = redis.key('hackathons', 'active', 'list');
  }

  get enabled(): boolean {
    return this.config.ACTIVE_HACKATHONS_CACHE_TTL_S > 0;
  }

  async read(): Promise<CachedRead> {
    if (!this.enabled) return {};
    try {
      // The generation alone first: while it has not moved, the list this process parsed last is
      // the entry (no transfer, no parse); an entry belongs to one generation only.
      const gen = (await this.redis.client.get(this.generationKey)) ?? '0';
      if (this.parsed?.generation === gen) return { generation: gen, items: this.parsed.items };
      const entry = await this.redis.client.get(this.entryKey);
      if (entry) {
        const cut = entry.indexOf('\n');
        if (entry.slice(0, cut) === gen) {
          this.parsed = { generation: gen, items: JSON.parse(entry.slice(cut + 1)) as HackathonView[] };
          return { generation: gen, items: this.parsed.items };
        }
      }
      return { generation: gen };
    } catch (err) {
      this.logger.warn(`cache illisible (${(err as Error).message}) : lecture en base`);
      return {};
    }
  }

  /** The current generation of hackathon writes; `undefined` when off or Redis cannot be read. */
  async generation(): Promise<string | undefined> {
    if (!this.enabled) return undefined;
    try {
      return (await this.redis.client.get(this.generationKey)) ?? '0';
    } catch {
      return undefined;
    }
  }

  /** Stores `items` for the generation read before they were computed. */
  async write(generation: string, items: HackathonView[]): Promise<void> {
    if (!this.enabled) return;
    try {
      await this.redis.client.set(
        this.entryKey,
        `${generation}\n${JSON.stringify(items)}`,
        'EX',
        this.config.ACTIVE_HACKATHONS_CACHE_TTL_S,
      );
    } catch (err) {
      this.logger.warn(`cache non écrit (${(err as Error).message})`);
    }
  }

  /** Called after any write to any hackathon. */
  async invalidate(): Promise<void> {
    try {
      await this.redis.client.incr(this.generationKey);
    } catch (err) {
      this.logger.warn(
        `invalidation du cache impossible (${(err as Error).message}) : il expirera dans ${this.config.ACTIVE_HACKATHONS_CACHE_TTL_S} s`,
      );
    }
  }
}
