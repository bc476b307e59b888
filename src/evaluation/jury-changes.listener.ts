import { Injectable } from '@nestjs/common';
import { DomainEventCatalogue, OnDomainEvent } from '../../libs/events';
import { SubmissionCatalog } from '../conversation';
import { AssignmentRepository } from './assignment.repository';

/**
 * An examiner taken off a hackathon's jury loses their pending assignments there, and with
 * them the right to read those conversations; what they graded stays. The next assignments
 * run gives the work to the jury left.
 */
@Injectable()
export class JuryChangesListener {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly submissions: SubmissionCatalog,
  ) {}

  @OnDomainEvent('jury.changed')
  async juryChanged(e: DomainEventCatalogue['jury.changed']): Promise<void> {
    const dropped = await this.assignments.dropPending(e.hackathonId, e.removed);
    for (const d of dropped) await this.submissions.revokeExaminer(d.conversationId, d.examinerId);
  }
}
