import { Injectable } from '@nestjs/common';
import { PageQuery, pageOf, skipOf } from '../../../libs/http';
import { ClassRows } from '../class-dashboard/class-rows';

/** The class list with each student's usage against their limits and their last activity, paged. */
@Injectable()
export class ListParticipantsUseCase {
  constructor(private readonly rows: ClassRows) {}

  async execute(hackathonId: string, q: PageQuery) {
    const { students } = await this.rows.all(hackathonId);
    const page = students.slice(skipOf(q), skipOf(q) + q.limit).map((r) => ({
      studentId: r.studentId,
      prenom: r.prenom,
      nom: r.nom,
      promptsUsed: r.promptsUsed,
      promptsLimit: r.promptsLimit,
      tokensUsed: r.tokensUsed,
      tokensLimit: r.tokensLimit,
      lastActivityAt: r.lastActivityAt,
    }));
    return pageOf(page, students.length, q);
  }
}
