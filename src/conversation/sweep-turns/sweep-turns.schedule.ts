import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { JobQueue, StandingSchedules } from '../../../libs/queue';

export const SWEEP_TURNS_SCHEDULER_ID = 'sweep-turns-every-30-s';

/**
 * The sweeper runs every TURN_SWEEP_EVERY_MS, once when a worker starts (a restart after a
 * crash is when lost turns are likeliest) and once whenever Redis lost its schedule (a Redis
 * restarted empty lost its jobs too): StandingSchedules. Registering is idempotent: one
 * scheduler whatever the number of worker processes.
 */
@Injectable()
export class SweepTurnsSchedule implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueue,
    private readonly schedules: StandingSchedules,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.schedules.keep('balayage des tours ouverts', () => this.register());
  }

  async register(): Promise<void> {
    await this.jobs.schedule('ai', SWEEP_TURNS_SCHEDULER_ID, this.config.TURN_SWEEP_EVERY_MS, 'sweep-turns', {});
    await this.jobs.enqueue('ai', 'sweep-turns', {});
  }
}
