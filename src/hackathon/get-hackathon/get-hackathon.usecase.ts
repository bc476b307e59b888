import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../../libs/http';
import { hackathonFor } from '../hackathon-tasks';
import { HackathonErrors } from '../hackathon.errors';
import { HackathonRepository, HackathonView } from '../hackathon.repository';

@Injectable()
export class GetHackathonUseCase {
  constructor(private readonly hackathons: HackathonRepository) {}

  /**
   * A student is told nothing of a draft, nor of a `liste` hackathon they are not on (404), and
   * never gets a task's `verification` (its public cases are in `casPublics`).
   */
  async execute(id: string, caller: AuthUser): Promise<HackathonView> {
    const h = await this.hackathons.findById(id);
    if (!h) throw HackathonErrors.notFound();
    if (caller.role === 'student') {
      if (h.statut === 'Brouillon') throw HackathonErrors.notFound();
      if (h.acces === 'liste' && !(await this.hackathons.participantOf(id, caller.id))?.onRoster)
        throw HackathonErrors.notFound();
    }
    return hackathonFor(h, caller.role);
  }
}
