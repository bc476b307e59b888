import { Injectable } from '@nestjs/common';
import { HackathonErrors } from '../hackathon.errors';
import { HackathonRepository, HackathonView } from '../hackathon.repository';

@Injectable()
export class GetHackathonUseCase {
  constructor(private readonly hackathons: HackathonRepository) {}

  async execute(id: string): Promise<HackathonView> {
    const h = await this.hackathons.findById(id);
    if (!h) throw HackathonErrors.notFound();
    return h;
  }
}
