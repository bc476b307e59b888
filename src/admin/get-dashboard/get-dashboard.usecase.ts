import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { ClassActivityRepair } from '../class-dashboard/class-activity.repair';
import { byAttention, ClassRows, DashboardRow } from '../class-dashboard/class-rows';

/** A prompt still waiting after this long with nothing else from its student: its answer's event was surely lost. */
export const STALE_PENDING_MS = 15 * 60_000;

/**
 * The class at a glance: who is working, stuck (blocked by their quota, refused, waiting,
 * failing), done — for the teacher, the students who need them first. A handful of queries
 * for the whole class (class-rows.ts), none per student. A row that says a prompt has waited
 * for its answer far longer than any answer takes is handed to the repair (rebuilt from the
 * conversations a few seconds later, sent on the stream).
 */
@Injectable()
export class GetDashboardUseCase {
  constructor(
    private readonly rows: ClassRows,
    private readonly repair: ClassActivityRepair,
    private readonly clock: Clock,
  ) {}

  async execute(hackathonId: string) {
    const { hackathon, students } = await this.rows.all(hackathonId);
    const now = this.clock.now();
    for (const r of students) if (this.looksStale(r, now)) this.repair.later(hackathon.id, r.studentId);
    return { hackathon, totals: this.rows.totals(students, now), students: [...students].sort(byAttention) };
  }

  private looksStale(r: DashboardRow, now: Date): boolean {
    if (r.pendingReplies <= 0) return false;
    return !r.lastActivityAt || now.getTime() - Date.parse(r.lastActivityAt) > STALE_PENDING_MS;
  }
}
