import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue, StandingSchedules } from '../../../libs/queue';

export const CLEANUP_SCHEDULER_ID = 'cleanup-magic-links-every-10-min';
export const CLEANUP_EVERY_MS = 10 * 60 * 1000;

/**
 * The repeatable cleanup, registered when a worker starts and again whenever Redis lost it
 * (StandingSchedules). The registration is idempotent: one scheduler whatever the workers.
 */
@Injectable()
export class CleanupMagicLinksSchedule implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueue,
    private readonly schedules: StandingSchedules,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.schedules.keep('nettoyage des liens magiques', () => this.register());
  }

  register(): Promise<void> {
    return this.jobs.schedule('admin', CLEANUP_SCHEDULER_ID, CLEANUP_EVERY_MS, 'cleanup-magic-links', {
      requestedBy: null,
    });
  }
}
