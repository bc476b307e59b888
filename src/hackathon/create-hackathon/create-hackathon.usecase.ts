import { Injectable } from '@nestjs/common';
import { ActiveHackathonsCache } from '../active-hackathons.cache';
import { assignTaskIds } from '../hackathon-tasks';
import { HackathonErrors } from '../hackathon.errors';
import { HackathonRepository, HackathonView } from '../hackathon.repository';
import { CreateHackathonDto } from './create-hackathon.dto';

@Injectable()
export class CreateHackathonUseCase {
  constructor(
    private readonly hackathons: HackathonRepository,
    private readonly cache: ActiveHackathonsCache,
  ) {}

  async execute(dto: CreateHackathonDto): Promise<HackathonView> {
    const debut = new Date(dto.dates.debut);
    const fin = new Date(dto.dates.fin);
    if (!(fin.getTime() > debut.getTime())) throw HackathonErrors.datesOrder();
    const created = await this.hackathons.create({
      nom: dto.nom,
      description: dto.description ?? '',
      objectifs: dto.objectifs ?? '',
      dates: { debut, fin },
      anonymatActif: dto.anonymatActif ?? false,
      quotas: { promptsParEtudiant: dto.quotas.promptsParEtudiant, tokensParEtudiant: dto.quotas.tokensParEtudiant },
      taches: assignTaskIds(dto.taches ?? []),
      acces: dto.acces ?? 'tous',
    });
    await this.cache.invalidate();
    return created;
  }
}
