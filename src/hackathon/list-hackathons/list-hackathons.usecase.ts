import { Injectable } from '@nestjs/common';
import { AuthUser, Page, pageOf, skipOf } from '../../../libs/http';
import { hackathonFor } from '../hackathon-tasks';
import { HackathonRepository, HackathonView } from '../hackathon.repository';
import { ListHackathonsQuery } from './list-hackathons.dto';

/** Newest `debut` first; `q` is searched literally (escaped `$regex`, never `$text`). */
@Injectable()
export class ListHackathonsUseCase {
  constructor(private readonly hackathons: HackathonRepository) {}

  async execute(q: ListHackathonsQuery, caller: AuthUser): Promise<Page<HackathonView>> {
    // Students never see drafts, nor a `liste` hackathon they are not on, nor a task's `verification`.
    const student =
      caller.role === 'student' ? { rosterIds: await this.hackathons.rosterHackathonIdsOf(caller.id) } : undefined;
    const { items, total } = await this.hackathons.list(
      { statut: q.statut, q: q.q || undefined, student },
      skipOf(q),
      q.limit,
    );
    return pageOf(
      items.map((h) => hackathonFor(h, caller.role)),
      total,
      q,
    );
  }
}
