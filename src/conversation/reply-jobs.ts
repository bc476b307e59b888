import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/env.schema';
import { GenerateReplyJob, JobQueue } from '../../libs/queue';
import type { ConversationWithMessages } from './conversation.repository';
import { promptWindow } from './prompt-window';

/** The job id of a message's reply: one job per message (`-n` for a later run of a lost one). */
export const replyJobId = (messageId: string, run = 0) => (run ? `reply-${messageId}-${run}` : `reply-${messageId}`);

const ALIVE = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
const MAX_RUNS = 5;

/**
 * Queues the AI reply of a student message, and keeps a pending turn alive: a 202 means an
 * answer or a refund, so a turn whose job is gone (Redis lost it) or ended without closing
 * the turn gets a new run; the reply job closes a turn once, however many runs it has.
 */
@Injectable()
export class ReplyJobs {
  private readonly logger = new Logger('ReplyJobs');

  constructor(
    private readonly jobs: JobQueue,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async enqueue(data: GenerateReplyJob, run = 0): Promise<string> {
    const job = await this.jobs.enqueue('ai', 'generate-reply', data, { jobId: replyJobId(data.messageId, run) });
    return String(job.id);
  }

  /**
   * Called when a send finds the turn pending, and by the sweeper (SweepTurnsUseCase): nothing
   * to do while its job lives; a new run when it is gone or ended without closing the turn.
   * `exhausted` with the turn's job data when every run was spent: the caller fails the turn.
   */
  async keepAlive(
    c: ConversationWithMessages,
  ): Promise<{ state: 'idle' | 'alive' | 'requeued' } | { state: 'exhausted'; job: GenerateReplyJob }> {
    const messageId = c.pendingMessageId;
    if (!messageId) return { state: 'idle' };
    const index = c.messages.findIndex((m) => m.id === messageId);
    if (index < 0) return { state: 'idle' };
    for (let run = 0; run < MAX_RUNS; run++) {
      const job = await this.jobs.getJob('ai', replyJobId(messageId, run));
      if (job && ALIVE.has(await job.getState())) return { state: 'alive' };
      if (job) continue;
      this.logger.warn(`réponse du message ${messageId} sans job vivant : nouvelle exécution (${run})`);
      // The first job's data is gone with it: the send's numbers are rebuilt from the stored turn.
      await this.enqueue(await this.jobDataOf(c, index), run);
      return { state: 'requeued' };
    }
    return { state: 'exhausted', job: await this.jobDataOf(c, index) };
  }

  private async jobDataOf(c: ConversationWithMessages, index: number): Promise<GenerateReplyJob> {
    return {
      conversationId: c.id,
      messageId: c.messages[index].id,
      hackathonId: c.hackathonId,
      studentId: c.studentId,
      countsUsage: c.countsUsage,
      ...(await this.reservationOf(c, index)),
    };
  }

  /**
   * What the send of message `index` reserved: its prompt window and the answer's length, as
   * its first job holds them, or rebuilt from the stored turn when that job is gone.
   */
  async reservationOf(
    c: ConversationWithMessages,
    index: number,
  ): Promise<{ promptTokens: number; maxTokens: number }> {
    const first = await this.jobs.getJob('ai', replyJobId(c.messages[index].id, 0)).catch(() => null);
    const kept = first?.data as GenerateReplyJob | undefined;
    return {
      // Same window as the send computed (one turn at a time: the history has not changed).
      promptTokens:
        kept?.promptTokens || promptWindow(c.messages.slice(0, index + 1), this.config.AI_CONTEXT_MAX_TOKENS).tokens,
      maxTokens: kept?.maxTokens ?? c.maxTokens,
    };
  }
}
