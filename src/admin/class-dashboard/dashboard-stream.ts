import { Injectable, Logger } from '@nestjs/common';
import { RedisService, RedisStreams, StreamEntry } from '../../../libs/redis';

/**
 * One Redis Stream per hackathon says "this student's row changed" — ids only, never names
 * (nothing personal in Redis): each dashboard reader reads the row itself.
 */
@Injectable()
export class DashboardStream {
  private readonly logger = new Logger('DashboardStream');

  constructor(
    private readonly redis: RedisService,
    private readonly streams: RedisStreams,
  ) {}

  private key(hackathonId: string): string {
    return this.redis.key('stream', 'dashboard', hackathonId);
  }

  async changed(hackathonId: string, studentId: string): Promise<void> {
    try {
      await this.streams.append(this.key(hackathonId), 'student', { studentId }, 10_000, 6 * 3600);
    } catch (err) {
      this.logger.warn(`flux du tableau de bord ${hackathonId} : ${(err as Error).message}`);
    }
  }

  async subscribe(hackathonId: string, listener: (e: StreamEntry) => void): Promise<() => void> {
    const key = this.key(hackathonId);
    return this.streams.subscribe(key, await this.streams.lastId(key), listener);
  }
}
