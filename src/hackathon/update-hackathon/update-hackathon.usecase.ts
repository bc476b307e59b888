import { Injectable } from '@nestjs/common';
import { ActiveHackathonsCache } from '../active-hackathons.cache';
import { assignTaskIds } from '../hackathon-tasks';
import { HackathonErrors } from '../hackathon.errors';
import { HackathonPatch, HackathonRepository, HackathonView } from '../hackathon.repository';
import { UpdateHackathonDto } from './update-hackathon.dto';

/** The patch to store, checked against the stored hackathon (`fin` after `debut`, task ids). */
export function toHackathonPatch(dto: UpdateHackathonDto, before: HackathonView): HackathonPatch {
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
  if (dto.quotas && (dto.quotas.promptsParEtudiant !== undefined || dto.quotas.tokensParEtudiant !== undefined)) {
    patch.quotas = {};
    if (dto.quotas.promptsParEtudiant !== undefined) patch.quotas.promptsParEtudiant = dto.quotas.promptsParEtudiant;
    if (dto.quotas.tokensParEtudiant !== undefined) patch.quotas.tokensParEtudiant = dto.quotas.tokensParEtudiant;
  }
  if (dto.taches !== undefined) patch.taches = assignTaskIds(dto.taches, before.taches);
  return patch;
}

/** Checked against the hackathon as it is, with no other writer in between (HackathonRepository.edit). */
@Injectable()
export class UpdateHackathonUseCase {
  constructor(
    private readonly hackathons: HackathonRepository,
    private readonly cache: ActiveHackathonsCache,
  ) {}

  async execute(id: string, dto: UpdateHackathonDto): Promise<HackathonView> {
    let changed = false;
    const after = await this.hackathons.edit(id, (before) => {
      const patch = toHackathonPatch(dto, before);
      changed = Object.keys(patch).length > 0;
      return patch;
    });
    if (!after) throw HackathonErrors.notFound();
    if (changed) await this.cache.invalidate();
    return after;
  }
}
