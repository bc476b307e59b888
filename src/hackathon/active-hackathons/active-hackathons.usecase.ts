import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { AuthUser } from '../../../libs/http';
import { ActiveHackathonsCache } from '../active-hackathons.cache';
import { hackathonFor } from '../hackathon-tasks';
import { HackathonRepository, HackathonView } from '../hackathon.repository';

export function isWithinDates(h: HackathonView, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(h.dates.debut) <= t && t <= Date.parse(h.dates.fin);
}

/**
 * docs/data-model.md §8.4: `En cours` and `debut <= now <= fin`, newest `debut` first. The cache holds the
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

  async execute(caller: AuthUser): Promise<{ items: HackathonView[] }> {
    const now = this.clock.now();
    const cached = await this.cache.read();
    let running = cached.items;
    if (!running) {
      running = await this.hackathons.findRunningNotEnded(now);
      if (cached.generation !== undefined) await this.cache.write(cached.generation, running);
    }
    let items = running.filter((h) => isWithinDates(h, now));
    if (caller.role === 'student' && items.some((h) => h.acces === 'liste')) {
      // A `liste` hackathon shows only to the students of its roster (one read, only when there is one).
      const roster = new Set(await this.hackathons.rosterHackathonIdsOf(caller.id));
      items = items.filter((h) => h.acces !== 'liste' || roster.has(h.id));
    }
    // A student never gets a task's `verification` (its public cases are in `casPublics`).
    return { items: items.map((h) => hackathonFor(h, caller.role)) };
  }
}
