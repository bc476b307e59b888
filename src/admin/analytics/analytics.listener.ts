import { Injectable } from '@nestjs/common';
import { DomainEventCatalogue, OnDomainEvent } from '../../../libs/events';
import { AnalyticsRecorder } from './analytics.recorder';

/** docs/data-model.md §14.3's usage events, recorded from what the other contexts announce. */
@Injectable()
export class AnalyticsListener {
  constructor(private readonly recorder: AnalyticsRecorder) {}

  @OnDomainEvent('user.signed-in')
  signedIn(e: DomainEventCatalogue['user.signed-in']): void {
    this.recorder.record('sign-in', { userId: e.userId, metadata: { method: e.method } });
  }

  @OnDomainEvent('conversation.created')
  conversationCreated(e: DomainEventCatalogue['conversation.created']): void {
    this.recorder.record('conversation-created', {
      userId: e.studentId,
      hackathonId: e.hackathonId,
      metadata: { conversationId: e.conversationId, modelName: e.modelName },
    });
  }

  @OnDomainEvent('message.sent')
  messageSent(e: DomainEventCatalogue['message.sent']): void {
    this.recorder.record('message-sent', {
      userId: e.studentId,
      hackathonId: e.hackathonId,
      metadata: { conversationId: e.conversationId, messageId: e.messageId },
    });
  }

  @OnDomainEvent('final.submitted')
  finalSubmitted(e: DomainEventCatalogue['final.submitted']): void {
    this.recorder.record('final-submitted', {
      userId: e.studentId,
      hackathonId: e.hackathonId,
      metadata: { conversationId: e.conversationId },
    });
  }

  @OnDomainEvent('evaluation.created')
  evaluationCreated(e: DomainEventCatalogue['evaluation.created']): void {
    this.recorder.record('grade-given', {
      userId: e.examinerId,
      hackathonId: e.hackathonId,
      metadata: { conversationId: e.conversationId, evaluationId: e.evaluationId, note: e.note },
    });
  }
}
