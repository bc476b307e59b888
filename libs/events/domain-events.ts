import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';

/**
 * What the contexts announce, in one typed catalogue. Emitters do not know who listens
 * (analytics, the class dashboard...), so no context imports the ones on top of it. Payloads
 * carry ids, never personal data.
 */
export interface DomainEventCatalogue {
  'user.signed-in': { userId: string; method: 'password' | 'magic-link' | 'invitation' | 'password-reset' };
  /**
   * The conversation events also carry what the class dashboard's row needs (its listener
   * updates the row from them alone): when, and what the conversation's history costs now
   * (`historyTokens`: the context tokens of its student and assistant messages) with its
   * `maxTokens`, so the next send's reservation is known without reading the conversation.
   */
  'conversation.created': {
    conversationId: string;
    hackathonId: string;
    studentId: string;
    modelName: string;
    maxTokens: number;
    at: Date;
  };
  'message.sent': {
    conversationId: string;
    messageId: string;
    hackathonId: string;
    studentId: string;
    at: Date;
    historyTokens: number;
    maxTokens: number;
  };
  'reply.stored': {
    conversationId: string;
    messageId: string;
    replyId: string;
    hackathonId: string;
    studentId: string;
    tokens: number;
    at: Date;
    historyTokens: number;
    maxTokens: number;
  };
  'reply.failed': {
    conversationId: string;
    messageId: string;
    hackathonId: string;
    studentId: string;
    code: string;
    /** The system message that says so in the conversation (no personal data: a fixed sentence). */
    message: string;
    at: Date;
  };
  'final.submitted': { conversationId: string; hackathonId: string; studentId: string; tacheId: string; at: Date };
  /** The automatic checks of a final version ended (`terminee`, `budget_epuise` or `echec`). */
  'verification.finished': {
    conversationId: string;
    hackathonId: string;
    studentId: string;
    statut: string;
    score: number | null;
    at: Date;
  };
  /** A send refused `429 QUOTA_*` (the class dashboard counts them). */
  'quota.refused': { conversationId: string; hackathonId: string; studentId: string; code: string; at: Date };
  /** A student's own quotas in a hackathon were set (the class dashboard shows the new limits). */
  'quota.changed': { hackathonId: string; studentId: string };
  'jury.changed': { hackathonId: string; added: string[]; removed: string[] };
  'evaluation.created': {
    evaluationId: string;
    conversationId: string;
    hackathonId: string;
    examinerId: string;
    note: number;
  };
}

export type DomainEventName = keyof DomainEventCatalogue;

/** The one way to announce an event. Listeners run after the emitter's work, and their failures never reach it. */
@Injectable()
export class DomainEvents {
  constructor(private readonly emitter: EventEmitter2) {}

  emit<N extends DomainEventName>(name: N, payload: DomainEventCatalogue[N]): void {
    this.emitter.emit(name, payload);
  }

  /** The same, returning once every listener is done: for a change whose answer must already reflect them. */
  async emitAndWait<N extends DomainEventName>(name: N, payload: DomainEventCatalogue[N]): Promise<void> {
    await this.emitter.emitAsync(name, payload);
  }
}

const logger = new Logger('DomainEvents');

/**
 * Marks a listener method. Async and fire-and-forget: a listener that fails logs and is
 * dropped, the emitter's request or job goes on.
 */
export function OnDomainEvent<N extends DomainEventName>(name: N): MethodDecorator {
  const listen = OnEvent(name, { async: true, promisify: true, suppressErrors: false });
  return (target, key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as (payload: DomainEventCatalogue[N]) => unknown;
    descriptor.value = async function (this: unknown, payload: DomainEventCatalogue[N]) {
      try {
        await original.call(this, payload);
      } catch (err) {
        logger.warn(
          `écouteur ${String(key)} de ${name} en échec : ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    };
    listen(target, key, descriptor);
  };
}
