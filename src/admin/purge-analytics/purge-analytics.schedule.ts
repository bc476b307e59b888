import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { JobQueue } from '../../../libs/queue';

export const PURGE_ANALYTICS_SCHEDULER_ID = 'purge-analytics-daily';
export const PURGE_ANALYTICS_EVERY_MS = 24 * 3600 * 1000;

/** Registers the daily analytics purge when a worker starts (like CleanupMagicLinksSchedule; the upsert is idempotent). */
@Injectable()
export class PurgeAnalyticsSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminSchedules');

  constructor(
    private readonly jobs: JobQueue,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.APP_ROLE === 'api') return;
    try {
      await this.register();
    } catch (err) {
      this.logger.warn(`planification de la purge des événements analytiques impossible : ${(err as Error).message}`);
    }
  }

  register(): Promise<void> {
    return this.jobs.schedule('admin', PURGE_ANALYTICS_SCHEDULER_ID, PURGE_ANALYTICS_EVERY_MS, 'purge-analytics', {
      requestedBy: null,
    });
  }
}
