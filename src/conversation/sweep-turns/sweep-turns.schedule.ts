import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { JobQueue } from '../../../libs/queue';

export const SWEEP_TURNS_SCHEDULER_ID = 'sweep-turns-every-30-s';

/**
 * The sweeper runs every TURN_SWEEP_EVERY_MS and once when a worker starts (a restart after a
 * crash is when lost turns are likeliest). Registering is idempotent: one scheduler whatever
 * the number of worker processes.
 */
@Injectable()
export class SweepTurnsSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('SweepTurns');

  constructor(
    private readonly jobs: JobQueue,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.APP_ROLE === 'api') return;
    try {
      await this.jobs.schedule('ai', SWEEP_TURNS_SCHEDULER_ID, this.config.TURN_SWEEP_EVERY_MS, 'sweep-turns', {});
      await this.jobs.enqueue('ai', 'sweep-turns', {});
    } catch (err) {
      this.logger.warn(`planification du balayage des tours ouverts impossible : ${(err as Error).message}`);
    }
  }
}
