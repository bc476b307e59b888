import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { DomainEvents } from '../../../libs/events';
import type { VerifySubmissionJob } from '../../../libs/queue';
import { HackathonCatalog, TaskOfHackathon } from '../../hackathon';
import { ReplayChecksUseCase, ReplayRequest, summaryForStudent, VerificationSummary } from '../../verification';
import { ConversationStream } from '../conversation-stream';
import { ConversationRepository, ConversationSummary } from '../conversation.repository';

/** What a run of the job did, kept in BullMQ (and the re-run job's report counts it). */
export interface VerifyOutcome {
  conversationId: string;
  statut: VerificationSummary['statut'] | 'sans_verification';
  score: number | null;
}

/**
 * docs/api.md 1.2: replays the checks of one final version (ReplayChecksUseCase: each run once,
 * charged to the hackathon's verification budget, resumable), then writes the summary into
 * `versionFinale.verification` and says so on the conversation's stream (`event: verification`,
 * the student's view) and to the class dashboard (`verification.finished`).
 *
 * Run twice, or again after a crash, it ends with the same summary: the runs already recorded
 * are read back, never run nor charged again. A ReplayRetryLater (provider busy) propagates so
 * the queue tries again; when the queue gives up, `fail` records `echec` with what did run.
 */
@Injectable()
export class VerifySubmissionUseCase {
  private readonly logger = new Logger('VerifySubmission');

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
    private readonly replay: ReplayChecksUseCase,
    private readonly stream: ConversationStream,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async execute(data: VerifySubmissionJob): Promise<VerifyOutcome> {
    const found = await this.requestOf(data);
    if (!found) return { conversationId: data.conversationId, statut: 'sans_verification', score: null };
    const summary = await this.replay.execute(found.request);
    if (!(await this.stillChecked(found.request)))
      // The task's checks changed while this ran: the run of the new checks writes its own summary.
      return { conversationId: data.conversationId, statut: summary.statut, score: summary.score };
    await this.finish(found.conversation, summary);
    return { conversationId: data.conversationId, statut: summary.statut, score: summary.score };
  }

  /** The queue gave up (provider unavailable through every attempt): `echec`, with the runs that did finish. */
  async fail(data: VerifySubmissionJob, error: Error): Promise<void> {
    const found = await this.requestOf(data);
    if (!found) return;
    const summary = await this.replay.recorded(found.request, {
      statut: 'echec',
      raison: { code: 'ECHEC_IA', message: `Vérification interrompue : ${error.message}` },
    });
    await this.finish(found.conversation, summary);
  }

  /** Whether the task still has the checks `request` ran (a re-run after a change must not be overwritten by an older run). */
  private async stillChecked(request: ReplayRequest): Promise<boolean> {
    const c = await this.conversations.findSummary(request.conversationId);
    const task = c && (await this.hackathons.taskOf(c.hackathonId, c.tacheId));
    return (
      !!task?.verification &&
      task.systeme === request.systeme &&
      JSON.stringify(task.verification) === JSON.stringify(request.verification)
    );
  }

  private async requestOf(
    data: VerifySubmissionJob,
  ): Promise<{ conversation: ConversationSummary; request: ReplayRequest } | null> {
    const c = await this.conversations.findSummary(data.conversationId);
    const v = c?.versionFinale;
    if (!c || !v) return null;
    const task: TaskOfHackathon | null = await this.hackathons.taskOf(c.hackathonId, c.tacheId);
    if (!task?.verification) {
      // The task's checks were removed since: the final version no longer carries any.
      if (v.verification) await this.conversations.setVerification(c.id, null);
      return null;
    }
    return {
      conversation: c,
      request: {
        hackathonId: c.hackathonId,
        conversationId: c.id,
        promptFinal: v.promptFinal,
        modelName: v.modelName ?? c.modelName,
        temperature: v.temperature ?? c.temperature,
        maxTokens: v.maxTokens ?? c.maxTokens,
        systeme: task.systeme,
        verification: task.verification,
      },
    };
  }

  private async finish(c: ConversationSummary, summary: VerificationSummary): Promise<void> {
    await this.conversations.setVerification(c.id, summary);
    const { resultatsPublies } = await this.hackathons.getForParticipation(c.hackathonId);
    // The stream is the student's: their view only (invariant 10).
    await this.stream.publish(c.id, 'verification', {
      conversationId: c.id,
      verification: summaryForStudent(summary, resultatsPublies),
    });
    this.events.emit('verification.finished', {
      conversationId: c.id,
      hackathonId: c.hackathonId,
      studentId: c.studentId,
      statut: summary.statut,
      score: summary.score,
      at: this.clock.now(),
    });
    if (summary.statut !== 'terminee')
      this.logger.log(`vérification de ${c.id} : ${summary.statut} (${summary.raison?.code ?? ''})`);
  }
}
