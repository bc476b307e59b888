import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import { Clock } from '../../../libs/clock';
import { AuthUser } from '../../../libs/http';
import { SubmissionCatalog } from '../../conversation';
import { AssignmentRepository } from '../assignment.repository';
import { CandidateIdentity } from '../candidate-identity';
import { EvaluationErrors } from '../evaluation.errors';
import { EvaluationRepository } from '../evaluation.repository';
import { toEvaluationView } from '../evaluation-view';
import { GradeDto } from './grade.dto';

/**
 * An examiner grades a submission assigned to them. Checks, in order: it is assigned to the
 * caller (403 NOT_ASSIGNED — first, so an examiner learns nothing about conversations that
 * are not theirs, not even whether they exist or are submitted), the conversation exists
 * (404), it has a final version (409 NOT_SUBMITTED), the hackathon is not archived (409
 * GRADING_CLOSED). Invariant 4: the unique (examinerId, conversationId) insert decides between
 * concurrent attempts; the losers get 409 ALREADY_EVALUATED. The assignment is then marked done.
 */
@Injectable()
export class GradeUseCase {
  constructor(
    private readonly submissions: SubmissionCatalog,
    private readonly assignments: AssignmentRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly candidates: CandidateIdentity,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  async execute(dto: GradeDto, caller: AuthUser) {
    const conversationId = dto.conversationId.toLowerCase();
    const assignment = await this.assignments.find(caller.id, conversationId);
    if (!assignment) throw EvaluationErrors.notAssigned();
    const c = await this.submissions.getSubmission(conversationId);
    if (!c) throw EvaluationErrors.conversationNotFound();
    if (!c.versionFinale) throw EvaluationErrors.notSubmitted();
    const hackathons = await this.candidates.hackathonsById([c.hackathonId]);
    if (hackathons.get(c.hackathonId)?.statut === 'Archivé') throw EvaluationErrors.gradingClosed();
    const now = this.clock.now();
    const created = await this.evaluations.create({
      conversationId,
      studentId: c.studentId,
      examinerId: caller.id,
      hackathonId: c.hackathonId,
      tacheId: c.tacheId ?? null,
      note: dto.note,
      comment: dto.comment,
      gradedAt: now,
    });
    if (!created) throw EvaluationErrors.alreadyEvaluated();
    await this.assignments.markDone(assignment.id, created.id, now);
    this.events.emit('evaluation.created', {
      evaluationId: created.id,
      conversationId,
      hackathonId: c.hackathonId,
      examinerId: caller.id,
      note: created.note,
    });
    const [who] = await this.candidates.viewsOf(
      [{ hackathonId: c.hackathonId, studentId: c.studentId, groupId: c.groupId }],
      caller,
      hackathons,
    );
    return toEvaluationView(created, who);
  }
}
