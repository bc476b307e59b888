import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { JobQueue } from '../../../libs/queue';

export const CLEANUP_SCHEDULER_ID = 'cleanup-magic-links-every-10-min';
export const CLEANUP_EVERY_MS = 10 * 60 * 1000;

/**
 * Registers the repeatable cleanup once when a worker starts (`worker` or `all` process).
 * The registration is idempotent: every worker start leaves exactly one scheduler.
 */
@Injectable()
export class CleanupMagicLinksSchedule implements OnApplicationBootstrap {
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
      this.logger.warn(`planification du nettoyage des liens magiques impossible : ${(err as Error).message}`);
    }
  }

  register(): Promise<void> {
    return this.jobs.schedule('admin', CLEANUP_SCHEDULER_ID, CLEANUP_EVERY_MS, 'cleanup-magic-links', {
      requestedBy: null,
    });
  }
}
