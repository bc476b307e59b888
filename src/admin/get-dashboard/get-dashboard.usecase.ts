import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { ClassRows } from '../class-dashboard/class-rows';

/** The class at a glance: who is working, stuck (waiting, failing), done — for the teacher. */
@Injectable()
export class GetDashboardUseCase {
  constructor(
    private readonly rows: ClassRows,
    private readonly clock: Clock,
  ) {}

  async execute(hackathonId: string) {
    const { hackathon, students } = await this.rows.all(hackathonId);
    return { hackathon, totals: this.rows.totals(students, this.clock.now()), students };
  }
}
