import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { Types } from 'mongoose';
import { AiProvider } from '../../../libs/ai-providers/ai-provider';
import { AiProviderError } from '../../../libs/ai-providers/ai-provider.errors';
import { Clock } from '../../../libs/clock';
import type { GenerateReplyJob } from '../../../libs/queue';
import { DocumentLock } from '../../../libs/redis';
import { UserDirectory } from '../../identity';
import { AiModelCatalog } from '../../../libs/ai-providers';
import { ConversationStream } from '../conversation-stream';
import { ConversationRepository, ConversationWithMessages, MessageView } from '../conversation.repository';
import { QuotaGate } from '../quota/quota-gate';
import { historyForProvider } from './provider-history';

export interface Attempt {
  number: number;
  max: number;
}

/**
 * The `ai/generate-reply` job. Safe to run any number of times for one message
 * (invariant 2): the reply is appended under the conversation's lock only when none exists
 * yet, the reservation settles or is released once (quota gate), and `tokensUsed` is
 * recomputed from the ledger rather than incremented.
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
    private readonly lock: DocumentLock,
    private readonly clock: Clock,
  ) {}

  async execute(
    job: GenerateReplyJob,
    attempt: Attempt,
  ): Promise<{ replyId: string; tokens: number } | { skipped: string }> {
    const conversation = await this.conversations.findWithMessages(job.conversationId);
    const index = conversation?.messages.findIndex((m) => m.id === job.messageId) ?? -1;
    if (!conversation || index < 0) {
      // The send was undone (enqueue failed after all); its reservation was released there.
      return { skipped: 'message introuvable' };
    }
    const existing = this.replyTo(conversation, job.messageId);
    if (existing) {
      // A previous run stored the answer and died before finishing its bookkeeping.
      await this.charge(job, existing);
      return { replyId: existing.id, tokens: existing.tokenCount ?? 0 };
    }

    const history = historyForProvider(conversation.messages.slice(0, index + 1));
    try {
      const completion = await this.ai.complete(
        {
          model: conversation.modelName,
          messages: history,
          temperature: conversation.temperature,
          maxTokens: conversation.maxTokens,
        },
        // `attempt` lets a client drop the deltas of an attempt that broke off and was retried.
        (text) =>
          this.stream.publish(job.conversationId, 'delta', { messageId: job.messageId, text, attempt: attempt.number }),
      );
      // A model since removed from AI_MODELS still answered; it just has no price any more.
      const cost = this.models.has(conversation.modelName)
        ? this.models.estimateCost(
            conversation.modelName,
            completion.usage.promptTokens,
            completion.usage.completionTokens,
          )
        : 0;
      const reply = await this.lock.run(`conversation:${job.conversationId}`, async () => {
        const fresh = await this.conversations.findWithMessages(job.conversationId);
        const already = fresh && this.replyTo(fresh, job.messageId);
        if (already) return already;
        const id = new Types.ObjectId().toHexString();
        await this.conversations.appendReply(
          job.conversationId,
          {
            id,
            role: 'assistant',
            content: completion.text,
            createdAt: this.clock.now(),
            tokenCount: completion.usage.totalTokens,
            modelUsed: completion.model,
            replyTo: job.messageId,
          },
          {
            tokens: completion.usage.totalTokens,
            cost,
            model: completion.model,
            temperature: conversation.temperature,
            maxTokens: conversation.maxTokens,
          },
        );
        return (await this.conversations.findWithMessages(job.conversationId))!.messages.find((m) => m.id === id)!;
      });
      await this.charge(job, reply);
      await this.stream.publish(job.conversationId, 'message', { message: reply });
      return { replyId: reply.id, tokens: reply.tokenCount ?? 0 };
    } catch (err) {
      const final = !(err instanceof AiProviderError) || !err.retryable || attempt.number >= attempt.max;
      if (!final) throw err;
      await this.fail(job, err as Error);
      throw new UnrecoverableError((err as Error).message);
    }
  }

  private replyTo(conversation: ConversationWithMessages, messageId: string): MessageView | undefined {
    return conversation.messages.find((m) => m.replyTo === messageId && m.role === 'assistant');
  }

  /** Settle the reservation with what the call really used, then refresh tokensUsed. */
  private async charge(job: GenerateReplyJob, reply: MessageView): Promise<void> {
    if (!job.countsUsage) return;
    const reservation = { reservationId: job.messageId, hackathonId: job.hackathonId, studentId: job.studentId };
    await this.gate.settle(reservation, reply.tokenCount ?? 0);
    await this.users.refreshTokensUsed(job.studentId, () => this.gate.usedTokensOf(job.studentId));
  }

  /** Failed for good: a system message says so, the prompt and its tokens go back. */
  private async fail(job: GenerateReplyJob, err: Error): Promise<void> {
    this.logger.warn(
      { conversationId: job.conversationId, messageId: job.messageId },
      `réponse IA abandonnée : ${err.message}`,
    );
    const content = `La réponse de l’IA n’a pas pu être générée (${err.message}). Votre prompt et ses tokens vous ont été rendus.`;
    await this.lock.run(`conversation:${job.conversationId}`, async () => {
      const fresh = await this.conversations.findWithMessages(job.conversationId);
      if (fresh?.messages.some((m) => m.replyTo === job.messageId)) return;
      await this.conversations.appendMessage(job.conversationId, {
        id: new Types.ObjectId().toHexString(),
        role: 'system',
        content,
        createdAt: this.clock.now(),
        replyTo: job.messageId,
      });
    });
    if (job.countsUsage)
      await this.gate.release({ reservationId: job.messageId, hackathonId: job.hackathonId, studentId: job.studentId });
    const code = err instanceof AiProviderError ? `AI_${err.kind.toUpperCase()}` : 'AI_FAILED';
    await this.stream.publish(job.conversationId, 'error', { messageId: job.messageId, code, message: content });
  }
}
