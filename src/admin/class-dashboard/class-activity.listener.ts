import { Injectable } from '@nestjs/common';
import { DomainEventCatalogue, OnDomainEvent } from '../../../libs/events';
import { ClassActivity } from '../../conversation';
import { DashboardStream } from './dashboard-stream';
import { StudentActivityRepository } from './student-activity.repository';

type StudentEvent = { hackathonId: string; studentId: string };

/**
 * Keeps each student's dashboard row in step: on every send, answer, failure or submission,
 * the row is recomputed from that student's conversations (so a missed event is mended by the
 * next one) and the hackathon's dashboard stream is told which row changed.
 */
@Injectable()
export class ClassActivityListener {
  constructor(
    private readonly activity: ClassActivity,
    private readonly rows: StudentActivityRepository,
    private readonly stream: DashboardStream,
  ) {}

  @OnDomainEvent('conversation.created')
  conversationCreated(e: DomainEventCatalogue['conversation.created']) {
    return this.refresh(e);
  }

  @OnDomainEvent('message.sent')
  messageSent(e: DomainEventCatalogue['message.sent']) {
    return this.refresh(e);
  }

  @OnDomainEvent('reply.stored')
  replyStored(e: DomainEventCatalogue['reply.stored']) {
    return this.refresh(e);
  }

  @OnDomainEvent('reply.failed')
  replyFailed(e: DomainEventCatalogue['reply.failed']) {
    return this.refresh(e);
  }

  @OnDomainEvent('final.submitted')
  finalSubmitted(e: DomainEventCatalogue['final.submitted']) {
    return this.refresh(e);
  }

  /** A student's own quotas changed: only the limits move, the row is re-read by the dashboards. */
  @OnDomainEvent('quota.changed')
  quotaChanged(e: DomainEventCatalogue['quota.changed']) {
    return this.stream.changed(e.hackathonId, e.studentId);
  }

  private async refresh({ hackathonId, studentId }: StudentEvent): Promise<void> {
    await this.rows.save(hackathonId, studentId, await this.activity.activityOf(hackathonId, studentId));
    await this.stream.changed(hackathonId, studentId);
  }
}
