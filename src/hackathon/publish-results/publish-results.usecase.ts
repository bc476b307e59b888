import { Injectable } from '@nestjs/common';
import { HackathonErrors } from '../hackathon.errors';
import { HackathonRepository, HackathonView } from '../hackathon.repository';

/** Students see their grades and feedback once a `Terminé` hackathon's results are published. */
@Injectable()
export class PublishResultsUseCase {
  constructor(private readonly hackathons: HackathonRepository) {}

  async execute(id: string): Promise<HackathonView> {
    const published = await this.hackathons.publishResults(id);
    const h = await this.hackathons.findById(id);
    if (!h) throw HackathonErrors.notFound();
    if (!published) throw HackathonErrors.resultsNeedTermine(h.statut);
    return h;
  }
}
