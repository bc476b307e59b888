import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import type { ProgressReporter } from '../../../libs/queue';
import { ANALYTICS_RETENTION_DAYS } from '../analytics/analytics-event.schema';
import { AnalyticsRecorder } from '../analytics/analytics.recorder';

const DAY_MS = 24 * 3600 * 1000;

export interface PurgeAnalyticsResult {
  before: string;
  purged: number;
}

/** docs/data-model.md §14.3: analytics events older than 30 days are deleted (the TTL's work where there is none). Idempotent. */
@Injectable()
export class PurgeAnalyticsUseCase {
  constructor(
    private readonly analytics: AnalyticsRecorder,
    private readonly clock: Clock,
  ) {}

  async execute(progress: ProgressReporter): Promise<PurgeAnalyticsResult> {
    const before = new Date(this.clock.now().getTime() - ANALYTICS_RETENTION_DAYS * DAY_MS);
    await progress(10);
    const purged = await this.analytics.purgeBefore(before);
    await progress(90);
    return { before: before.toISOString(), purged };
  }
}
