import { Injectable } from '@nestjs/common';
import { HackathonCatalog } from '../../hackathon';
import { ClassActivityRepair } from '../class-dashboard/class-activity.repair';

/**
 * The teacher's repair button: every row of the class rebuilt from the students' conversations
 * (a row whose event was missed is mended). Reads every conversation of the class with its
 * messages, one student after the other: on demand only, never on the dashboard's way.
 */
@Injectable()
export class RebuildDashboardUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly repair: ClassActivityRepair,
  ) {}

  async execute(hackathonId: string): Promise<{ hackathonId: string; rebuilt: number }> {
    const h = await this.hackathons.viewOf(hackathonId);
    return { hackathonId: h.id, rebuilt: await this.repair.hackathon(h.id) };
  }
}
