import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { RedisService, RedisStreams, StreamEntry } from '../../../libs/redis';

/** How long changes of one hackathon gather before its dashboards hear of them: at most ~4 wake-ups a second. */
export const DASHBOARD_WINDOW_MS = 250;

/** One stream entry: the students whose rows changed in one window (`limits`: whose own quotas changed). */
export interface DashboardChange {
  studentIds: string[];
  limits: string[];
}

/** `event: verification` of the dashboard stream (docs/api.md 1.2). */
export interface VerificationEnded {
  studentId: string;
  conversationId: string;
  statut: string;
  score: number | null;
}

const LIMITS = 'l:';

/**
 * One Redis Stream per hackathon says "these students' rows changed" — ids only, never names
 * (nothing personal in Redis): each dashboard reader reads the rows itself. Changes are
 * coalesced per hackathon across every process: ids gather in a Redis set, the first change of
 * a window (`SET NX PX`) arms one flush, which appends them as ONE entry — a class of 600
 * sending every few seconds makes ~4 entries a second, not one per event.
 */
@Injectable()
export class DashboardStream implements OnApplicationShutdown {
  private readonly logger = new Logger('DashboardStream');
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly redis: RedisService,
    private readonly streams: RedisStreams,
  ) {}

  private key(hackathonId: string, part?: 'pending' | 'window'): string {
    return part
      ? this.redis.key('stream', 'dashboard', hackathonId, part)
      : this.redis.key('stream', 'dashboard', hackathonId);
  }

  async changed(hackathonId: string, studentId: string, options: { limits?: boolean } = {}): Promise<void> {
    try {
      const pending = this.key(hackathonId, 'pending');
      const replies = await this.redis.client
        .multi()
        .sadd(pending, options.limits ? `${LIMITS}${studentId}` : studentId)
        .expire(pending, 6 * 3600)
        .set(this.key(hackathonId, 'window'), '1', 'PX', DASHBOARD_WINDOW_MS, 'NX')
        .exec();
      if (replies?.[2]?.[1] === 'OK') this.flushLater(hackathonId);
    } catch (err) {
      this.logger.warn(`flux du tableau de bord ${hackathonId} : ${(err as Error).message}`);
    }
  }

  private flushLater(hackathonId: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.flush(hackathonId).catch((err: Error) =>
        this.logger.warn(`flux du tableau de bord ${hackathonId} : ${err.message}`),
      );
    }, DASHBOARD_WINDOW_MS);
    this.timers.add(timer);
  }

  /** The window's ids as one entry (none when another process's flush took them first). */
  private async flush(hackathonId: string): Promise<void> {
    const pending = this.key(hackathonId, 'pending');
    const replies = await this.redis.client.multi().smembers(pending).del(pending).exec();
    const members = (replies?.[0]?.[1] as string[] | undefined) ?? [];
    if (!members.length) return;
    const limits = members.filter((m) => m.startsWith(LIMITS)).map((m) => m.slice(LIMITS.length));
    const studentIds = [...new Set([...members.filter((m) => !m.startsWith(LIMITS)), ...limits])];
    const change: DashboardChange = { studentIds, limits };
    await this.streams.append(this.key(hackathonId), 'students', change, 10_000, 6 * 3600);
  }

  /** The automatic checks of a student's final version ended: told as they are, not coalesced (ids and figures only). */
  async verificationEnded(hackathonId: string, ended: VerificationEnded): Promise<void> {
    try {
      await this.streams.append(this.key(hackathonId), 'verification', ended, 10_000, 6 * 3600);
    } catch (err) {
      this.logger.warn(`flux du tableau de bord ${hackathonId} : ${(err as Error).message}`);
    }
  }

  /**
   * Each entry as a change; an entry of one student (written before changes were coalesced) as
   * a change of one; a `verification` entry to `onVerification`.
   */
  async subscribe(
    hackathonId: string,
    listener: (change: DashboardChange, id: string) => void,
    onVerification: (ended: VerificationEnded, id: string) => void = () => undefined,
  ): Promise<() => void> {
    const key = this.key(hackathonId);
    return this.streams.subscribe(key, await this.streams.lastId(key), (e: StreamEntry) => {
      if (e.type === 'verification') return onVerification(e.data as VerificationEnded, e.id);
      const data = e.data as Partial<DashboardChange> & { studentId?: string };
      if (Array.isArray(data?.studentIds)) listener({ studentIds: data.studentIds, limits: data.limits ?? [] }, e.id);
      else if (typeof data?.studentId === 'string') listener({ studentIds: [data.studentId], limits: [] }, e.id);
    });
  }

  /** A stopping process drops its timers: the ids wait in Redis and go out with the next window. */
  onApplicationShutdown(): void {
    const timers = [...this.timers];
    this.timers.clear();
    for (const t of timers) clearTimeout(t);
  }
}
