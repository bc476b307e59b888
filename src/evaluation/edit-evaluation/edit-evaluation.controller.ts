import { Body, Controller, Injectable, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '../../../libs/clock';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { DocumentLock } from '../../../libs/redis';
import { CandidateIdentity } from '../candidate-identity';
import { EvaluationErrors } from '../evaluation.errors';
import { EvaluationRepository } from '../evaluation.repository';
import { toEvaluationView } from '../evaluation-view';
import { EditEvaluationDto } from '../grade/grade.dto';

/** Its examiner changes note and/or comment; `gradedAt` moves to now. Written under the lock. */
@Injectable()
export class EditEvaluationUseCase {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly candidates: CandidateIdentity,
    private readonly lock: DocumentLock,
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
    const updated = await this.lock.run(`evaluation:${id}`, () => this.evaluations.update(id, patch, this.clock.now()));
    if (!updated) throw EvaluationErrors.evaluationNotFound();
    const [who] = await this.candidates.viewsOf([{ hackathonId, studentId: updated.studentId }], caller, hackathons);
    return toEvaluationView(updated, who);
  }
}

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EditEvaluationController {
  constructor(private readonly edit: EditEvaluationUseCase) {}

  @Roles('examiner')
  @Patch(':id')
  @ApiOperation({
    summary:
      'Modifie sa propre évaluation {note?, comment?} (met à jour gradedAt) ; celle d’un autre : 403 NOT_YOUR_EVALUATION',
  })
  async handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: EditEvaluationDto,
    @CurrentUser() caller: AuthUser,
  ) {
    return { evaluation: await this.edit.execute(id, dto, caller) };
  }
}
