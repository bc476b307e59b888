import { Injectable } from '@nestjs/common';
import { AiModelCatalog } from '../../../libs/ai-providers';
import { ActiveHackathonsCache } from '../active-hackathons.cache';
import { assignTaskIds, checkModels, definitionOf } from '../hackathon-tasks';
import { HackathonErrors } from '../hackathon.errors';
import { HackathonPatch, HackathonRepository, HackathonView } from '../hackathon.repository';
import { UpdateHackathonDto } from './update-hackathon.dto';

/** The patch to store, checked against the stored hackathon (`fin` after `debut`, task ids). */
export function toHackathonPatch(
  dto: UpdateHackathonDto,
  before: HackathonView,
  models?: AiModelCatalog,
): HackathonPatch {
  const patch: HackathonPatch = {};
  for (const k of ['nom', 'description', 'objectifs', 'anonymatActif', 'acces'] as const)
    if (dto[k] !== undefined) Object.assign(patch, { [k]: dto[k] });
  if (dto.dates && (dto.dates.debut !== undefined || dto.dates.fin !== undefined)) {
    const debut = new Date(dto.dates.debut ?? before.dates.debut);
    const fin = new Date(dto.dates.fin ?? before.dates.fin);
    if (!(fin.getTime() > debut.getTime())) throw HackathonErrors.datesOrder();
    patch.dates = {};
    if (dto.dates.debut !== undefined) patch.dates.debut = debut;
    if (dto.dates.fin !== undefined) patch.dates.fin = fin;
  }
  if (dto.quotas) {
    for (const k of ['promptsParEtudiant', 'tokensParEtudiant', 'tokensVerification'] as const)
      if (dto.quotas[k] !== undefined) (patch.quotas ??= {})[k] = dto.quotas[k];
  }
  if (dto.taches !== undefined) patch.taches = assignTaskIds(dto.taches, before.taches.map(definitionOf));
  if (dto.modeles !== undefined) patch.modeles = models ? checkModels(dto.modeles, models) : dto.modeles;
  if (dto.classement !== undefined)
    patch.classement = { poidsNote: dto.classement.poidsNote, poidsScore: dto.classement.poidsScore };
  return patch;
}

/** Checked against the hackathon as it is, with no other writer in between (HackathonRepository.edit). */
@Injectable()
export class UpdateHackathonUseCase {
  constructor(
    private readonly hackathons: HackathonRepository,
    private readonly cache: ActiveHackathonsCache,
    private readonly models: AiModelCatalog,
  ) {}

  async execute(id: string, dto: UpdateHackathonDto): Promise<HackathonView> {
    let changed = false;
    const after = await this.hackathons.edit(id, (before) => {
      const patch = toHackathonPatch(dto, before, this.models);
      changed = Object.keys(patch).length > 0;
      return patch;
    });
    if (!after) throw HackathonErrors.notFound();
    if (changed) await this.cache.invalidate();
    return after;
  }
}
