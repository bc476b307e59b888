import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { byAttention, ClassRows } from '../class-dashboard/class-rows';

/**
 * The class at a glance: who is working, stuck (blocked by their quota, refused, waiting,
 * failing), done — for the teacher, the students who need them first. A handful of queries
 * for the whole class (class-rows.ts), none per student.
 */
@Injectable()
export class GetDashboardUseCase {
  constructor(
    private readonly rows: ClassRows,
    private readonly clock: Clock,
  ) {}

  async execute(hackathonId: string) {
    const { hackathon, students } = await this.rows.all(hackathonId);
    return {
      hackathon,
      totals: this.rows.totals(students, this.clock.now()),
      students: [...students].sort(byAttention),
    };
  }
}
