import { Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import { AiModelCatalog } from '../../../libs/ai-providers';
import { AiProvider } from '../../../libs/ai-providers/ai-provider';
import { AiProviderError } from '../../../libs/ai-providers/ai-provider.errors';
import { Clock } from '../../../libs/clock';
import { DomainEvents } from '../../../libs/events';
import type { GenerateReplyJob } from '../../../libs/queue';
import { UserDirectory } from '../../identity';
import { historyTokensOf } from '../class-activity.service';
import { ConversationStream } from '../conversation-stream';
import { publicMessage } from '../conversation-view';
import { ConversationRepository, ConversationWithMessages } from '../conversation.repository';
import { promptWindow, tokensOfNewMessage } from '../prompt-window';
import { QuotaGate } from '../quota/quota-gate';
import { ReplyStops } from '../stop-answer/reply-stops';

export type ReplyOutcome = { replyId: string; tokens: number } | { skipped: string };

/**
 * The `ai/generate-reply` job. Safe to run any number of times for one message
 * (invariant 2): the answer closes the message's turn with one conditional update, so only
 * the first run's answer lands; the reservation settles or is released once (quota gate),
 * never charging more than was reserved. Errors propagate: the worker host decides with its
 * one rule whether they are final, and then calls `fail`.
 */
@Injectable()
export class GenerateReplyUseCase {
  private readonly logger = new Logger('GenerateReply');

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly ai: AiProvider,
    private readonly models: AiModelCatalog,
    private readonly gate: QuotaGate,
    private readonly users: UserDirectory,
    private readonly stream: ConversationStream,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly stops: ReplyStops,
  ) {}

  /** A stop of the student (stop-answer/) aborts the call; the stop has stored the answer by then. */
  async execute(job: GenerateReplyJob): Promise<ReplyOutcome> {
    const stop = await this.stops.watch(job.messageId);
    try {
      return await this.write(job, stop.signal);
    } catch (err) {
      if (!stop.signal.aborted) throw err;
      const now = await this.conversations.findWithMessages(job.conversationId);
      if (now?.pendingMessageId === job.messageId) throw err;
      return now ? this.alreadyAnswered(job, now) : { skipped: 'conversation introuvable' };
    } finally {
      stop.release();
    }
  }

  private async write(job: GenerateReplyJob, signal: AbortSignal): Promise<ReplyOutcome> {
    const conversation = await this.conversations.findWithMessages(job.conversationId);
    const index = conversation?.messages.findIndex((m) => m.id === job.messageId) ?? -1;
    // The send was undone (the job could not be queued after all); its reservation went back there.
    if (!conversation || index < 0) return { skipped: 'message introuvable' };
    if (conversation.pendingMessageId !== job.messageId) return this.alreadyAnswered(job, conversation);

    // Up to and including its own message, trimmed to the prompt tokens the send reserved.
    const window = promptWindow(conversation.messages.slice(0, index + 1), job.promptTokens);
    const answer = this.stream.answer(job.conversationId, job.messageId, runNumber());
    // The length the send reserved (a PATCH since is for the next sends).
    const maxTokens = job.maxTokens ?? conversation.maxTokens;
    const completion = await this.ai
      .complete(
        {
          model: conversation.modelName,
          messages: window.messages,
          temperature: conversation.temperature,
          maxTokens,
          signal,
        },
        (text) => answer.push(text),
      )
      // Every delta of this run is in the stream before its outcome (`message`, or `error` from `fail`).
      .finally(() => answer.close());
    // What the student is charged: the provider's count, never more than the reservation.
    const reserved = job.promptTokens + maxTokens;
    const tokens = job.countsUsage ? Math.min(completion.usage.totalTokens, reserved) : completion.usage.totalTokens;
    const cost = this.models.has(conversation.modelName)
      ? this.models.estimateCost(
          conversation.modelName,
          completion.usage.promptTokens,
          completion.usage.completionTokens,
        )
      : 0; // a model since removed from AI_MODELS still answered; it just has no price any more
    const reply = {
      id: new Types.ObjectId().toHexString(),
      role: 'assistant' as const,
      content: completion.text,
      createdAt: this.clock.now(),
      tokenCount: tokens,
      modelUsed: completion.model,
      replyTo: job.messageId,
      contextTokens: tokensOfNewMessage('assistant', completion.text).context,
    };
    const stored = await this.conversations.closeTurnWithReply(job.conversationId, reply, {
      tokens,
      cost,
      model: completion.model,
      temperature: conversation.temperature,
      maxTokens,
    });
    if (!stored) {
      // Another run closed the turn first: its answer stands, ours is dropped.
      const now = await this.conversations.findWithMessages(job.conversationId);
      return now ? this.alreadyAnswered(job, now) : { skipped: 'conversation introuvable' };
    }
    await this.charge(job, tokens);
    await this.stream.publish(job.conversationId, 'message', { message: publicMessage(stored) });
    this.events.emit('reply.stored', {
      conversationId: job.conversationId,
      messageId: job.messageId,
      replyId: reply.id,
      hackathonId: job.hackathonId,
      studentId: job.studentId,
      tokens,
      at: reply.createdAt,
      historyTokens: historyTokensOf([...conversation.messages.slice(0, index + 1), reply]),
      maxTokens: conversation.maxTokens,
    });
    return { replyId: reply.id, tokens };
  }

  /**
   * Failed for good (the worker host's rule): a system message closes the turn and the prompt
   * and its tokens go back. Idempotent, and only for a turn still open: a turn an earlier run
   * answered keeps its answer and its charge.
   */
  async fail(job: GenerateReplyJob, err: Error): Promise<void> {
    this.logger.warn(
      { conversationId: job.conversationId, messageId: job.messageId },
      `réponse IA abandonnée : ${err.message}`,
    );
    const reason = err instanceof AiProviderError ? err.message : 'erreur interne';
    const content = `La réponse de l’IA n’a pas pu être générée (${reason}). Votre prompt et ses tokens vous ont été rendus.`;
    const closed = await this.conversations.closeTurnWithFailure(job.conversationId, {
      id: new Types.ObjectId().toHexString(),
      role: 'system',
      content,
      createdAt: this.clock.now(),
      replyTo: job.messageId,
    });
    if (!closed) return;
    if (job.countsUsage)
      await this.gate.release({ reservationId: job.messageId, hackathonId: job.hackathonId, studentId: job.studentId });
    const code = err instanceof AiProviderError ? `AI_${err.kind.toUpperCase()}` : 'AI_FAILED';
    await this.stream.publish(job.conversationId, 'error', { messageId: job.messageId, code, message: content });
    this.events.emit('reply.failed', {
      conversationId: job.conversationId,
      messageId: job.messageId,
      hackathonId: job.hackathonId,
      studentId: job.studentId,
      code,
      message: content,
      at: this.clock.now(),
    });
  }

  /** An earlier run closed the turn: finish its bookkeeping if it died before (settling is once-only). */
  private async alreadyAnswered(job: GenerateReplyJob, conversation: ConversationWithMessages): Promise<ReplyOutcome> {
    const answer = conversation.messages.find((m) => m.replyTo === job.messageId);
    if (answer?.role !== 'assistant') return { skipped: 'tour déjà clos' };
    await this.charge(job, answer.tokenCount ?? 0);
    return { replyId: answer.id, tokens: answer.tokenCount ?? 0 };
  }

  /** Settle the reservation with what was charged, then the user's `tokensUsed` from the ledger. */
  private async charge(job: GenerateReplyJob, tokens: number): Promise<void> {
    if (!job.countsUsage) return;
    await this.gate.settle(
      { reservationId: job.messageId, hackathonId: job.hackathonId, studentId: job.studentId },
      tokens,
    );
    // Monotone ($max): concurrent replies of one student may record in any order.
    await this.users.recordTokensUsed(job.studentId, await this.gate.usedTokensOf(job.studentId));
  }
}

/**
 * The `attempt` of a run's deltas: its start time in ms, so it grows with every run of one
 * answer whatever started it (a retry, a worker killed mid-answer, the sweeper, a Redis loss
 * that reset BullMQ's own counters). Runs of one answer follow each other (a later one starts
 * after the earlier broke off), so a client keeps the highest attempt's text and drops a
 * superseded run's (web/src/pages/student/conversation-state.ts).
 */
function runNumber(): number {
  return Date.now();
}
