import { Inject, Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import { AppConfig } from '../../../config/env.schema';
import { Clock } from '../../../libs/clock';
import { DomainEvents } from '../../../libs/events';
import { AppError, type AuthUser } from '../../../libs/http';
import { assertOpen, HackathonCatalog } from '../../hackathon';
import { UserDirectory } from '../../identity';
import { historyTokensOf } from '../class-activity.service';
import { ConversationAccess } from '../conversation-access';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository, ConversationWithMessages } from '../conversation.repository';
import type { SentMessage } from '../conversation.response';
import { sendReservation } from '../prompt-window';
import { QuotaGate } from '../quota/quota-gate';
import { ReplyJobs } from '../reply-jobs';
import { TurnGate } from './turn-gate';

/**
 * Sends one prompt: the conversation is read once, then — past the turn gate — quota is
 * reserved (one prompt + the prompt window's tokens + maxTokens), the turn is opened (the
 * student message stored as pending, decided by one conditional update) and the AI job queued.
 * Whatever fails after the reservation gives it back: a 202 means an answer or a refund.
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
    private readonly turns: TurnGate,
    private readonly replies: ReplyJobs,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async execute(conversationId: string, content: string, caller: AuthUser): Promise<SentMessage> {
    const conversation = await this.access.ownedWithMessages(conversationId, caller);
    if (conversation.versionFinale) throw ConversationErrors.alreadySubmitted();
    if (conversation.pendingMessageId) {
      // A lost answer job gets a new run (the sweeper would find it too, a little later).
      await this.replies.keepAlive(conversation).catch((err: Error) => this.logger.warn(err.message));
      throw ConversationErrors.replyPending();
    }
    const participation = await this.hackathons.getForParticipation(conversation.hackathonId, {
      asAdmin: caller.role === 'admin',
      studentId: caller.id,
    });
    assertOpen(participation);

    const pass = await this.turns.enter(conversationId);
    if (!pass) throw ConversationErrors.replyPending();
    try {
      return await this.sendPastTheGate(conversation, content, caller, participation.quotas);
    } finally {
      await this.turns.leave(conversationId, pass);
    }
  }

  private async sendPastTheGate(
    conversation: ConversationWithMessages,
    content: string,
    caller: AuthUser,
    quotas: { promptsParEtudiant: number; tokensParEtudiant: number },
  ): Promise<SentMessage> {
    const messageId = new Types.ObjectId().toHexString();
    const message = { id: messageId, role: 'student' as const, content, createdAt: this.clock.now() };
    const reserved = sendReservation(
      conversation.messages,
      content,
      this.config.AI_CONTEXT_MAX_TOKENS,
      conversation.maxTokens,
    );
    const { window, message: tokens } = reserved;
    const reservation = { reservationId: messageId, hackathonId: conversation.hackathonId, studentId: caller.id };
    if (conversation.countsUsage) {
      // The guard read the user with the request: its allowance comes with the caller.
      const userTokens =
        caller.tokensAuthorized !== undefined
          ? caller.tokensAuthorized
          : ((await this.users.findById(caller.id))?.tokensAuthorized ?? null);
      await this.gate
        .reserve(conversation.hackathonId, caller.id, messageId, reserved.tokens, {
          prompts: quotas.promptsParEtudiant,
          tokens: quotas.tokensParEtudiant,
          userTokens,
        })
        .catch((err: unknown) => {
          // The class dashboard counts the refusals (`refus`).
          if (err instanceof AppError && err.status === 429 && err.code.startsWith('QUOTA_'))
            this.events.emit('quota.refused', {
              conversationId: conversation.id,
              hackathonId: conversation.hackathonId,
              studentId: caller.id,
              code: err.code,
              at: this.clock.now(),
            });
          throw err;
        });
    }
    let opened = false;
    try {
      const refusal = await this.conversations.openTurn(conversation.id, {
        ...message,
        tokenCount: tokens.text,
        contextTokens: tokens.context,
      });
      if (refusal === 'submitted') throw ConversationErrors.alreadySubmitted();
      if (refusal) throw ConversationErrors.replyPending();
      opened = true;
      const job = await this.replies.enqueue({
        conversationId: conversation.id,
        messageId,
        hackathonId: conversation.hackathonId,
        studentId: caller.id,
        countsUsage: conversation.countsUsage,
        promptTokens: window.tokens,
        // The answer's length reserved: a later PATCH of maxTokens is for the next sends.
        maxTokens: conversation.maxTokens,
      });
      this.events.emit('message.sent', {
        conversationId: conversation.id,
        messageId,
        hackathonId: conversation.hackathonId,
        studentId: caller.id,
        at: message.createdAt,
        historyTokens: historyTokensOf([...conversation.messages, { ...message, contextTokens: tokens.context }]),
        maxTokens: conversation.maxTokens,
      });
      return { messageId, jobId: job, status: 'queued' };
    } catch (err) {
      await this.undo(conversation.id, messageId, opened, conversation.countsUsage ? reservation : null);
      throw err;
    }
  }

  private async undo(
    conversationId: string,
    messageId: string,
    opened: boolean,
    reservation: { reservationId: string; hackathonId: string; studentId: string } | null,
  ) {
    try {
      if (opened) await this.conversations.cancelTurn(conversationId, messageId);
      if (reservation) await this.gate.release(reservation);
    } catch (err) {
      this.logger.error(`annulation incomplète du message ${messageId} : ${(err as Error).message}`);
    }
  }
}
