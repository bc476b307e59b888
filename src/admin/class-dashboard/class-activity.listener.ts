import { Injectable, Logger } from '@nestjs/common';
import { DomainEventCatalogue, OnDomainEvent } from '../../../libs/events';
import { ClassActivityRepair } from './class-activity.repair';
import { DashboardStream } from './dashboard-stream';
import { ActivityChange, StudentActivityRepository } from './student-activity.repository';

type StudentEvent = { hackathonId: string; studentId: string };

/**
 * Keeps each student's dashboard row in step from the events' own payloads: one serialized
 * update of the row per event (counters `$inc`, newest facts `$set`), never a read of the
 * conversations; then the hackathon's dashboard stream is told which row changed (coalesced
 * there). A row whose update failed is handed to the repair, which rebuilds it later.
 */
@Injectable()
export class ClassActivityListener {
  private readonly logger = new Logger('ClassActivity');

  constructor(
    private readonly rows: StudentActivityRepository,
    private readonly stream: DashboardStream,
    private readonly repair: ClassActivityRepair,
  ) {}

  @OnDomainEvent('conversation.created')
  conversationCreated(e: DomainEventCatalogue['conversation.created']) {
    return this.apply(e, {
      at: e.at,
      inc: { conversations: 1 },
      latest: { conversationId: e.conversationId, historyTokens: 0, maxTokens: e.maxTokens },
    });
  }

  @OnDomainEvent('message.sent')
  messageSent(e: DomainEventCatalogue['message.sent']) {
    return this.apply(e, {
      at: e.at,
      inc: { pendingReplies: 1 },
      latest: { conversationId: e.conversationId, historyTokens: e.historyTokens, maxTokens: e.maxTokens },
    });
  }

  @OnDomainEvent('reply.stored')
  replyStored(e: DomainEventCatalogue['reply.stored']) {
    return this.apply(e, {
      at: e.at,
      inc: { pendingReplies: -1 },
      latest: { conversationId: e.conversationId, historyTokens: e.historyTokens, maxTokens: e.maxTokens },
    });
  }

  @OnDomainEvent('reply.failed')
  replyFailed(e: DomainEventCatalogue['reply.failed']) {
    return this.apply(e, {
      at: e.at,
      inc: { pendingReplies: -1, failedReplies: 1 },
      lastError: { message: e.message },
    });
  }

  @OnDomainEvent('final.submitted')
  finalSubmitted(e: DomainEventCatalogue['final.submitted']) {
    return this.apply(e, { at: e.at, inc: { submitted: 1 } });
  }

  @OnDomainEvent('quota.refused')
  quotaRefused(e: DomainEventCatalogue['quota.refused']) {
    return this.apply(e, { at: e.at, inc: { refusals: 1 }, lastRefusal: { code: e.code } });
  }

  /** The checks of a final version ended: the dashboards say so (`event: verification`). */
  @OnDomainEvent('verification.finished')
  verificationFinished(e: DomainEventCatalogue['verification.finished']) {
    return this.stream.verificationEnded(e.hackathonId, {
      studentId: e.studentId,
      conversationId: e.conversationId,
      statut: e.statut,
      score: e.score,
    });
  }

  /** A student's own quotas changed: only the limits move, the row is re-read by the dashboards. */
  @OnDomainEvent('quota.changed')
  quotaChanged(e: DomainEventCatalogue['quota.changed']) {
    return this.stream.changed(e.hackathonId, e.studentId, { limits: true });
  }

  private async apply({ hackathonId, studentId }: StudentEvent, change: ActivityChange): Promise<void> {
    try {
      await this.rows.apply(hackathonId, studentId, change);
    } catch (err) {
      this.logger.warn(`ligne ${hackathonId}:${studentId} non tenue à jour (${(err as Error).message}) : réparation`);
      this.repair.later(hackathonId, studentId);
      return;
    }
    await this.stream.changed(hackathonId, studentId);
  }
}
