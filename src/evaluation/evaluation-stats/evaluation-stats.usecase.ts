import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../libs/http';
import { HackathonCatalog } from '../../hackathon';
import { UserDirectory } from '../../identity';
import { AssignmentRepository } from '../assignment.repository';
import { EvaluationRepository } from '../evaluation.repository';

/**
 * docs/data-model.md §8.3's statistics with portable queries (average = sum / count, rounded to 2 decimals;
 * min and max read on the index), plus each examiner's progress (done / pending assignments).
 * An admin sees every jury member's progress; an examiner sees their own only.
 */
@Injectable()
export class EvaluationStatsUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly evaluations: EvaluationRepository,
    private readonly assignments: AssignmentRepository,
    private readonly users: UserDirectory,
  ) {}

  async execute(hackathonId: string, caller: AuthUser) {
    await this.hackathons.getForParticipation(hackathonId);
    const [stats, progress, jury] = await Promise.all([
      this.evaluations.stats(hackathonId),
      this.assignments.progress(hackathonId),
      this.hackathons.juryOf(hackathonId),
    ]);
    const ids = [...new Set([...jury, ...progress.keys()])].filter((id) => caller.role === 'admin' || id === caller.id);
    const users = new Map((await this.users.findManyByIds(ids)).map((u) => [u.id, u]));
    const examiners = ids.map((id) => {
      const p = progress.get(id) ?? { pending: 0, done: 0 };
      const u = users.get(id);
      return {
        examinerId: id,
        prenom: u?.prenom ?? null,
        nom: u?.nom ?? null,
        attached: jury.includes(id),
        done: p.done,
        pending: p.pending,
        total: p.done + p.pending,
      };
    });
    return { ...stats, examiners };
  }
}
