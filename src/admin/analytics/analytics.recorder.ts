import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { Clock } from '../../../libs/clock';
import { insertOnce } from '../../../libs/database';
import { AnalyticsEvent, AnalyticsEventType } from './analytics-event.schema';

export interface AnalyticsContext {
  userId?: string | null;
  hackathonId?: string | null;
  metadata?: Record<string, unknown>;
}

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;
const oidOrNull = (id: string | null | undefined) => (id && OBJECT_ID.test(id) ? new Types.ObjectId(id) : null);

/**
 * docs/data-model.md §14.3: records usage events in `analytics_events`, an append-only log (one insert per
 * event, never an update). Fire-and-forget: `record` returns at once and never throws; a
 * failed insert is logged and dropped, the caller's request goes on.
 */
@Injectable()
export class AnalyticsRecorder {
  private readonly logger = new Logger('AnalyticsRecorder');

  constructor(
    @InjectModel(AnalyticsEvent.name) private readonly events: Model<AnalyticsEvent>,
    private readonly clock: Clock,
  ) {}

  record(type: AnalyticsEventType, ctx: AnalyticsContext = {}): void {
    try {
      const doc = {
        type,
        userId: oidOrNull(ctx.userId),
        hackathonId: oidOrNull(ctx.hackathonId),
        metadata: ctx.metadata ?? {},
        timestamp: this.clock.now(),
      };
      insertOnce(this.events, doc).catch((err: unknown) => this.dropped(type, err));
    } catch (err) {
      this.dropped(type, err);
    }
  }

  /** Deletes events older than `before` (the `purge-analytics` job). */
  async purgeBefore(before: Date): Promise<number> {
    const res = await this.events.deleteMany({ timestamp: { $lt: before } });
    return res.deletedCount ?? 0;
  }

  private dropped(type: string, err: unknown): void {
    this.logger.warn(`événement analytique ${type} perdu : ${err instanceof Error ? err.message : String(err)}`);
  }
}
