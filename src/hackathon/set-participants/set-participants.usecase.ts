import { Injectable } from '@nestjs/common';
import { UserDirectory } from '../../identity';
import { ActiveHackathonsCache } from '../active-hackathons.cache';
import { HackathonErrors } from '../hackathon.errors';
import { HackathonRepository } from '../hackathon.repository';

/**
 * The roster of a hackathon: with `acces: "liste"`, only these students see it and work in it.
 * `PUT` replaces the whole list (idempotent); a student's own quotas there survive leaving it.
 */
@Injectable()
export class SetParticipantsUseCase {
  constructor(
    private readonly hackathons: HackathonRepository,
    private readonly users: UserDirectory,
    private readonly cache: ActiveHackathonsCache,
  ) {}

  async execute(hackathonId: string, studentIds: string[]): Promise<{ hackathonId: string; count: number }> {
    if (!(await this.hackathons.findById(hackathonId))) throw HackathonErrors.notFound();
    const wanted = [...new Set(studentIds.map((id) => id.toLowerCase()))];
    const found = new Map((await this.users.findManyByIds(wanted)).map((u) => [u.id, u]));
    const refused = wanted.filter((id) => found.get(id)?.role !== 'student');
    if (refused.length) throw HackathonErrors.notAStudent(refused);
    const count = await this.hackathons.setRoster(hackathonId, wanted);
    // Who sees which active hackathon changed.
    await this.cache.invalidate();
    return { hackathonId, count };
  }
}
