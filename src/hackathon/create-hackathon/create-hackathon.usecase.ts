import { Injectable } from '@nestjs/common';
import { AiModelCatalog } from '../../../libs/ai-providers';
import { ActiveHackathonsCache } from '../active-hackathons.cache';
import { assignTaskIds, checkModels } from '../hackathon-tasks';
import { HackathonErrors } from '../hackathon.errors';
import {
  DEFAULT_CLASSEMENT,
  DEFAULT_TOKENS_VERIFICATION,
  HackathonRepository,
  HackathonView,
} from '../hackathon.repository';
import { CreateHackathonDto } from './create-hackathon.dto';

@Injectable()
export class CreateHackathonUseCase {
  constructor(
    private readonly hackathons: HackathonRepository,
    private readonly cache: ActiveHackathonsCache,
    private readonly models: AiModelCatalog,
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
      quotas: {
        promptsParEtudiant: dto.quotas.promptsParEtudiant,
        tokensParEtudiant: dto.quotas.tokensParEtudiant,
        tokensVerification: dto.quotas.tokensVerification ?? DEFAULT_TOKENS_VERIFICATION,
      },
      taches: assignTaskIds(dto.taches ?? []),
      acces: dto.acces ?? 'tous',
      modeles: checkModels(dto.modeles ?? [], this.models),
      classement: dto.classement
        ? { poidsNote: dto.classement.poidsNote, poidsScore: dto.classement.poidsScore }
        : { ...DEFAULT_CLASSEMENT },
    });
    await this.cache.invalidate();
    return created;
  }
}
