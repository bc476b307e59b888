import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { ActiveHackathonsCache } from '../active-hackathons.cache';
import { HackathonRepository, HackathonView } from '../hackathon.repository';

export function isWithinDates(h: HackathonView, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(h.dates.debut) <= t && t <= Date.parse(h.dates.fin);
}

/**
 * Seed 8.4: `En cours` and `debut <= now <= fin`, newest `debut` first. The cache holds the
 * running hackathons not yet over; the time filter is applied on every read, so an entry
 * never shows a hackathon past its `fin`, nor hides one whose `debut` has come.
 */
@Injectable()
export class ActiveHackathonsUseCase {
  constructor(
    private readonly hackathons: HackathonRepository,
    private readonly cache: ActiveHackathonsCache,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ items: HackathonView[] }> {
    const now = this.clock.now();
    const cached = await this.cache.read();
    let running = cached.items;
    if (!running) {
      running = await this.hackathons.findRunningNotEnded(now);
      if (cached.generation !== undefined) await this.cache.write(cached.generation, running);
    }
    return { items: running.filter((h) => isWithinDates(h, now)) };
  }
}
