import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/env.schema';
import { RedisService } from '../redis/redis.service';

const REGISTER_TIMEOUT_MS = 5000;

interface Standing {
  what: string;
  register: () => Promise<void>;
  /** False until `register` succeeded once against the Redis of now. */
  done: boolean;
}

/**
 * What a worker keeps in Redis for the whole deployment (job schedulers, the admin queue's
 * global concurrency) lives there only: a Redis restarted empty or flushed loses it. Each is
 * registered here once when a worker starts (`worker` and `all` processes) and again whenever
 * Redis lost it: after a reconnect (`ready`) and every SCHEDULES_CHECK_EVERY_MS, a marker key
 * set after the registrations tells whether this Redis still holds them (one EXISTS a check).
 * Registrations are idempotent upserts, so several workers doing it at once leave one of each.
 */
@Injectable()
export class StandingSchedules implements OnApplicationShutdown {
  private readonly logger = new Logger('Schedules');
  private readonly standing: Standing[] = [];
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;
  private readonly onReady = () => void this.check();

  constructor(
    private readonly redis: RedisService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Whether this process keeps schedules (the API alone does not). */
  get enabled(): boolean {
    return this.config.APP_ROLE !== 'api';
  }

  private get marker(): string {
    return this.redis.key('schedules', 'registered');
  }

  /**
   * Registers `register` now and keeps it registered for the life of the process. `what` names
   * it in the log. Never throws: a worker starting without Redis registers when Redis comes.
   */
  async keep(what: string, register: () => Promise<void>): Promise<void> {
    if (!this.enabled) return;
    const entry: Standing = { what, register, done: false };
    this.standing.push(entry);
    this.watch();
    if (await this.run(entry)) await this.mark();
  }

  /**
   * Registers again whatever Redis lost (everything when the marker is gone, else what failed
   * before). Resolves when done; concurrent calls share one check.
   */
  check(): Promise<void> {
    this.checking ??= this.recheck().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async recheck(): Promise<void> {
    let present: number;
    try {
      present = await this.redis.client.exists(this.marker);
    } catch {
      return; // Redis still away: the next `ready` or tick tries again.
    }
    if (!present) {
      this.logger.warn('planifications absentes de Redis (vidé ou redémarré) : nouvel enregistrement');
      for (const s of this.standing) s.done = false;
    }
    let all = true;
    for (const s of this.standing) if (!s.done && !(await this.run(s))) all = false;
    if (all && this.standing.length) await this.mark();
  }

  private async run(entry: Standing): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      // Bounded: a registration stuck on a half-open connection must not stop the next checks.
      await Promise.race([
        entry.register(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('pas de réponse de Redis')), REGISTER_TIMEOUT_MS);
        }),
      ]);
      entry.done = true;
      return true;
    } catch (err) {
      this.logger.warn(`${entry.what} : enregistrement impossible pour l’instant (${(err as Error).message})`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private async mark(): Promise<void> {
    await this.redis.client.set(this.marker, new Date().toISOString()).catch(() => undefined);
  }

  private watch(): void {
    if (this.timer) return;
    this.redis.client.on('ready', this.onReady);
    this.timer = setInterval(this.onReady, this.config.SCHEDULES_CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.redis.client.off('ready', this.onReady);
  }
}
