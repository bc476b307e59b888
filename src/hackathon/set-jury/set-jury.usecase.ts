import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { DomainEvents } from '../../../libs/events';
import { AuthUser } from '../../../libs/http';
import { UserDirectory } from '../../identity';
import { HackathonErrors } from '../hackathon.errors';
import { HackathonRepository } from '../hackathon.repository';
import { Jury, JuryMember } from '../hackathon.response';

export type { Jury, JuryMember };

/**
 * The jury of a hackathon: the examiners the assignments job may use, and the only ones who
 * may list its conversations. `PUT` replaces the whole list (idempotent); an examiner taken
 * off loses their pending assignments there (the evaluation context listens to `jury.changed`).
 */
@Injectable()
export class SetJuryUseCase {
  constructor(
    private readonly hackathons: HackathonRepository,
    private readonly users: UserDirectory,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async get(hackathonId: string): Promise<Jury> {
    if (!(await this.hackathons.findById(hackathonId))) throw HackathonErrors.notFound();
    return this.view(hackathonId, await this.hackathons.juryOf(hackathonId));
  }

  async replace(hackathonId: string, examinerIds: string[], caller: AuthUser): Promise<Jury> {
    if (!(await this.hackathons.findById(hackathonId))) throw HackathonErrors.notFound();
    const wanted = [...new Set(examinerIds.map((id) => id.toLowerCase()))];
    const found = new Map((await this.users.findManyByIds(wanted)).map((u) => [u.id, u]));
    const refused = wanted.filter((id) => found.get(id)?.role !== 'examiner');
    if (refused.length) throw HackathonErrors.notExaminers(refused);
    const { added, removed, jury } = await this.hackathons.replaceJury(
      hackathonId,
      wanted,
      caller.id,
      this.clock.now(),
    );
    // Answered once the evaluation context has taken the pending work back from who left.
    if (added.length || removed.length) await this.events.emitAndWait('jury.changed', { hackathonId, added, removed });
    return this.view(hackathonId, jury);
  }

  private async view(hackathonId: string, ids: string[]): Promise<Jury> {
    const users = new Map((await this.users.findManyByIds(ids)).map((u) => [u.id, u]));
    const examiners = ids.flatMap((id) => {
      const u = users.get(id);
      return u ? [{ id: u.id, prenom: u.prenom, nom: u.nom, email: u.email }] : [];
    });
    return { hackathonId, examinerIds: examiners.map((e) => e.id), examiners };
  }
}
