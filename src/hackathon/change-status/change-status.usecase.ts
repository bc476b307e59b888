import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { ActiveHackathonsCache } from '../active-hackathons.cache';
import { canTransition, HackathonStatut } from '../hackathon-status';
import { HackathonErrors } from '../hackathon.errors';
import { HackathonRepository, HackathonView } from '../hackathon.repository';

/**
 * Invariant 6: a hackathon's status only ever follows docs/data-model.md §5.4's table.
 *
 * Transition number n of a hackathon is won by inserting the row (hackathonId, n) into
 * `hackathon_transitions`, whose unique index admits exactly one — atomic on MongoDB and on
 * FerretDB, where a conditional findOneAndUpdate is not. Only the winner then writes the new
 * status (and `archiveLe`) onto the document. Two admins racing towards the same status:
 * the first gets 200, the other finds the new status and gets 409.
 */
@Injectable()
export class ChangeStatusUseCase {
  constructor(
    private readonly hackathons: HackathonRepository,
    private readonly cache: ActiveHackathonsCache,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, target: HackathonStatut, actorId: string | null): Promise<HackathonView> {
    const state = await this.hackathons.findState(id);
    if (!state) throw HackathonErrors.notFound();
    if (!canTransition(state.statut, target)) throw HackathonErrors.invalidTransition(state.statut, target);
    const seq = state.statusVersion + 1;
    const at = this.clock.now();
    const won = await this.hackathons.recordTransition({
      hackathonId: id,
      seq,
      from: state.statut,
      to: target,
      by: actorId,
      at,
    });
    if (!won) {
      // Someone recorded transition `seq` first: bring the document up to the log, and refuse.
      await this.hackathons.findState(id);
      await this.cache.invalidate();
      throw HackathonErrors.transitionLost(state.statut, target);
    }
    const after = await this.hackathons.applyTransition(id, seq, target, at);
    await this.cache.invalidate();
    if (!after) throw HackathonErrors.notFound();
    return after;
  }
}
