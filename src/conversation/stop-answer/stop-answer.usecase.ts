import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { AiModelCatalog, countTextTokens } from '../../../libs/ai-providers';
import { Clock } from '../../../libs/clock';
import { DomainEvents } from '../../../libs/events';
import type { AuthUser } from '../../../libs/http';
import { UserDirectory } from '../../identity';
import { ConversationAccess } from '../conversation-access';
import { ConversationStream } from '../conversation-stream';
import { publicMessage } from '../conversation-view';
import { historyTokensOf } from '../class-activity.service';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository } from '../conversation.repository';
import type { PublicMessage } from '../conversation.response';
import { tokensOfNewMessage } from '../prompt-window';
import { QuotaGate } from '../quota/quota-gate';
import { ReplyJobs } from '../reply-jobs';
import { ReplyStops } from './reply-stops';

/**
 * The student stops the answer being written. What was streamed so far becomes the assistant
 * message (`interrompu`), and the turn is closed by the same conditional update as a whole
 * answer or a failure (ConversationRepository.closeTurnWithReply): of answer, stop and failure
 * only the first lands (invariant 2), so a stop racing the answer's end either wins or gets
 * `409 NOTHING_PENDING`. The student is charged the prompt and the tokens written, never more
 * than reserved; the rest goes back. Then the writing process is told to cut the provider's
 * call (ReplyStops); if it never hears it, its answer finds the turn closed and is dropped.
 */
@Injectable()
export class StopAnswerUseCase {
  constructor(
    private readonly access: ConversationAccess,
    private readonly conversations: ConversationRepository,
    private readonly replies: ReplyJobs,
    private readonly stream: ConversationStream,
    private readonly stops: ReplyStops,
    private readonly gate: QuotaGate,
    private readonly users: UserDirectory,
    private readonly models: AiModelCatalog,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async execute(conversationId: string, caller: AuthUser): Promise<PublicMessage> {
    const c = await this.access.ownedWithMessages(conversationId, caller);
    const messageId = c.pendingMessageId;
    const index = messageId ? c.messages.findIndex((m) => m.id === messageId) : -1;
    if (!messageId || index < 0) throw ConversationErrors.nothingPending();

    const { promptTokens, maxTokens } = await this.replies.reservationOf(c, index);
    const text = await this.stream.streamedAnswer(conversationId, messageId);
    const written = countTextTokens(text);
    const tokens = Math.min(promptTokens + written, promptTokens + maxTokens);
    const cost = this.models.has(c.modelName) ? this.models.estimateCost(c.modelName, promptTokens, written) : 0;
    const reply = {
      id: new Types.ObjectId().toHexString(),
      role: 'assistant' as const,
      content: text,
      createdAt: this.clock.now(),
      tokenCount: tokens,
      modelUsed: c.modelName,
      replyTo: messageId,
      contextTokens: tokensOfNewMessage('assistant', text).context,
      interrompu: true,
    };
    const stored = await this.conversations.closeTurnWithReply(conversationId, reply, {
      tokens,
      cost,
      model: c.modelName,
      temperature: c.temperature,
      maxTokens,
    });
    // The whole answer (or its failure) closed the turn first: it stands.
    if (!stored) throw ConversationErrors.nothingPending();
    await this.stops.announce(messageId);
    if (c.countsUsage) {
      const reservation = { reservationId: messageId, hackathonId: c.hackathonId, studentId: c.studentId };
      await this.gate.settle(reservation, tokens);
      await this.users.recordTokensUsed(c.studentId, await this.gate.usedTokensOf(c.studentId));
    }
    const message = publicMessage(stored);
    await this.stream.publish(conversationId, 'message', { message });
    this.events.emit('reply.stored', {
      conversationId,
      messageId,
      replyId: reply.id,
      hackathonId: c.hackathonId,
      studentId: c.studentId,
      tokens,
      at: reply.createdAt,
      // What the dashboard's row needs (its next send's reservation): the history with this answer.
      historyTokens: historyTokensOf([...c.messages.slice(0, index + 1), reply]),
      maxTokens: c.maxTokens,
    });
    return message;
  }
}
