import { Injectable, Logger } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import { Types } from 'mongoose';
import { Clock } from '../../../libs/clock';
import { countTextTokens, tokenReservationFor } from '../../../libs/ai-providers/token-counter';
import type { AuthUser } from '../../../libs/http';
import { JobQueue } from '../../../libs/queue';
import { DocumentLock } from '../../../libs/redis';
import { assertOpen, HackathonCatalog } from '../../hackathon';
import { UserDirectory } from '../../identity';
import { ConversationAccess } from '../conversation-access';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository } from '../conversation.repository';
import { historyForProvider } from '../generate-reply/provider-history';
import { QuotaGate } from '../quota/quota-gate';

export interface SentMessage {
  messageId: string;
  jobId: string;
  status: 'queued';
}

export const replyJobId = (messageId: string) => `reply-${messageId}`;

/**
 * Validate, check the hackathon is open, reserve quota (one prompt + an upper bound of
 * tokens), store the student message, enqueue the AI job. Whatever fails after the
 * reservation gives it back, so no message is left without its job or its refund.
 */
@Injectable()
export class SendMessageUseCase {
  private readonly logger = new Logger('SendMessage');

  constructor(
    private readonly access: ConversationAccess,
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
    private readonly users: UserDirectory,
    private readonly gate: QuotaGate,
    private readonly jobs: JobQueue,
    private readonly lock: DocumentLock,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  async execute(conversationId: string, content: string, caller: AuthUser): Promise<SentMessage> {
    const summary = await this.access.ownedBy(conversationId, caller);
    if (summary.versionFinale) throw ConversationErrors.alreadySubmitted();
    const participation = await this.hackathons.getForParticipation(summary.hackathonId, {
      asAdmin: caller.role === 'admin',
    });
    assertOpen(participation);

    const conversation = (await this.conversations.findWithMessages(conversationId))!;
    const messageId = new Types.ObjectId().toHexString();
    const history = historyForProvider([...conversation.messages, { role: 'student', content }]);
    const reserveTokens = tokenReservationFor({ messages: history, maxTokens: conversation.maxTokens });

    const reservation = { reservationId: messageId, hackathonId: summary.hackathonId, studentId: caller.id };
    if (summary.countsUsage) {
      const user = await this.users.findById(caller.id);
      await this.gate.reserve(summary.hackathonId, caller.id, messageId, reserveTokens, {
        prompts: participation.quotas.promptsParEtudiant,
        tokens: participation.quotas.tokensParEtudiant,
        userTokens: user?.tokensAuthorized ?? null,
      });
    }
    let stored = false;
    try {
      await this.lock.run(`conversation:${conversationId}`, async () => {
        // Re-read under the lock: a final version may have landed since the first check.
        const fresh = await this.conversations.findSummary(conversationId);
        if (fresh?.versionFinale) throw ConversationErrors.alreadySubmitted();
        await this.conversations.appendMessage(conversationId, {
          id: messageId,
          role: 'student',
          content,
          createdAt: this.clock.now(),
          tokenCount: countTextTokens(content),
        });
      });
      stored = true;
      const job = await this.jobs.enqueue(
        'ai',
        'generate-reply',
        {
          conversationId,
          messageId,
          hackathonId: summary.hackathonId,
          studentId: caller.id,
          countsUsage: summary.countsUsage,
        },
        { jobId: replyJobId(messageId) },
      );
      this.events.emit('message.sent', {
        conversationId,
        messageId,
        hackathonId: summary.hackathonId,
        studentId: caller.id,
        at: this.clock.now(),
      });
      return { messageId, jobId: String(job.id), status: 'queued' };
    } catch (err) {
      await this.undo(conversationId, messageId, stored, summary.countsUsage ? reservation : null);
      throw err;
    }
  }

  private async undo(
    conversationId: string,
    messageId: string,
    stored: boolean,
    reservation: { reservationId: string; hackathonId: string; studentId: string } | null,
  ) {
    try {
      if (stored)
        await this.lock.run(`conversation:${conversationId}`, () =>
          this.conversations.removeMessage(conversationId, messageId),
        );
      if (reservation) await this.gate.release(reservation);
    } catch (err) {
      this.logger.error(`annulation incomplète du message ${messageId} : ${(err as Error).message}`);
    }
  }
}
