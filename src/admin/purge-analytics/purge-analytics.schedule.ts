import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, StandingSchedules } from '../../../libs/queue';

export const PURGE_ANALYTICS_SCHEDULER_ID = 'purge-analytics-daily';
export const PURGE_ANALYTICS_EVERY_MS = 24 * 3600 * 1000;

/** The daily analytics purge, kept registered like CleanupMagicLinksSchedule (StandingSchedules). */
@Injectable()
export class PurgeAnalyticsSchedule implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueue,
    private readonly schedules: StandingSchedules,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.schedules.keep('purge des événements analytiques', () => this.register());
  }

  register(): Promise<void> {
    return this.jobs.schedule('admin', PURGE_ANALYTICS_SCHEDULER_ID, PURGE_ANALYTICS_EVERY_MS, 'purge-analytics', {
      requestedBy: null,
    });
  }
}
