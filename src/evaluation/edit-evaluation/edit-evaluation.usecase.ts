import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import type { AuthUser } from '../../../libs/http';
import { CandidateIdentity } from '../candidate-identity';
import { EvaluationErrors } from '../evaluation.errors';
import { EvaluationRepository } from '../evaluation.repository';
import { toEvaluationView } from '../evaluation-view';
import { EditEvaluationDto } from './edit-evaluation.dto';

/**
 * Its examiner changes note and/or comment; `gradedAt` moves to now. The repository writes
 * the change whole, one writer at a time (no lock here).
 */
@Injectable()
export class EditEvaluationUseCase {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly candidates: CandidateIdentity,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, dto: EditEvaluationDto, caller: AuthUser) {
    if (dto.note === undefined && dto.comment === undefined) throw EvaluationErrors.nothingToChange();
    const current = await this.evaluations.findById(id);
    if (!current) throw EvaluationErrors.evaluationNotFound();
    if (current.examinerId !== caller.id) throw EvaluationErrors.notYourEvaluation();
    const hackathonId = current.hackathonId ?? '';
    const hackathons = await this.candidates.hackathonsById([hackathonId]);
    if (hackathons.get(hackathonId)?.statut === 'Archivé') throw EvaluationErrors.gradingClosed();
    const patch: { note?: number; comment?: string } = {};
    if (dto.note !== undefined) patch.note = dto.note;
    if (dto.comment !== undefined) patch.comment = dto.comment;
    const updated = await this.evaluations.edit(id, patch, this.clock.now());
    if (!updated) throw EvaluationErrors.evaluationNotFound();
    const [who] = await this.candidates.viewsOf([{ hackathonId, studentId: updated.studentId }], caller, hackathons);
    return toEvaluationView(updated, who);
  }
}
