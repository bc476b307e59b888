import { Injectable } from '@nestjs/common';
import { Page, pageOf, skipOf } from '../../../libs/http';
import { HackathonRepository, HackathonView } from '../hackathon.repository';
import { ListHackathonsQuery } from './list-hackathons.dto';

/** Newest `debut` first; `q` is searched literally (escaped `$regex`, never `$text`). */
@Injectable()
export class ListHackathonsUseCase {
  constructor(private readonly hackathons: HackathonRepository) {}

  async execute(q: ListHackathonsQuery): Promise<Page<HackathonView>> {
    const { items, total } = await this.hackathons.list({ statut: q.statut, q: q.q || undefined }, skipOf(q), q.limit);
    return pageOf(items, total, q);
  }
}
