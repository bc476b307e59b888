import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { Clock } from '../../../libs/clock';
import { ConversationRepository } from '../conversation.repository';
import { GenerateReplyUseCase } from '../generate-reply/generate-reply.usecase';
import { ReplyJobs } from '../reply-jobs';
import { FinalCopies } from '../submit-final/final-copies';
import { OpenReservations } from './open-reservations';

const BATCH = 200;

export interface SweepReport {
  looked: number;
  requeued: number;
  failed: number;
  /** Final versions claimed but not copied into their conversation (a submit that died halfway). */
  finalsCompleted: number;
  /** Reservations left open by a crash: settled at their answer's usage, or released (open-reservations.ts). */
  reservationsSettled: number;
  reservationsReleased: number;
}

/**
 * A 202 means an answer or a refund, with nobody pressing anything: turns whose answer job was
 * lost (Redis restarted empty, a process killed between storing the prompt and queueing it) or
 * spent every run without closing the turn (the failure could not be written while the
 * database was away) are found here — a new run for the first, a failure with its system
 * message, refund and SSE `error` for the second (GenerateReplyUseCase.fail, once only).
 * Final versions claimed by a submit that died before copying them are finished here too, and
 * quota reservations nobody will finish (open-reservations.ts).
 */
@Injectable()
export class SweepTurnsUseCase {
  private readonly logger = new Logger('SweepTurns');

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly replies: ReplyJobs,
    private readonly generate: GenerateReplyUseCase,
    private readonly finals: FinalCopies,
    private readonly reservations: OpenReservations,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async execute(): Promise<SweepReport> {
    const before = new Date(this.clock.now().getTime() - this.config.TURN_SWEEP_AFTER_MS);
    const ids = await this.conversations.pendingSince(before, BATCH);
    const report: SweepReport = {
      looked: ids.length,
      requeued: 0,
      failed: 0,
      finalsCompleted: 0,
      reservationsSettled: 0,
      reservationsReleased: 0,
    };
    for (const id of ids) {
      try {
        const c = await this.conversations.findWithMessages(id);
        if (!c) continue;
        const kept = await this.replies.keepAlive(c);
        if (kept.state === 'requeued') report.requeued++;
        if (kept.state === 'exhausted') {
          await this.generate.fail(kept.job, new Error('aucune exécution de la réponse n’a abouti'));
          report.failed++;
        }
      } catch (err) {
        this.logger.warn(`tour de la conversation ${id} non vérifié : ${(err as Error).message}`);
      }
    }
    report.finalsCompleted = await this.finals
      .completeUnfinished(before, BATCH)
      .catch((err: Error) => (this.logger.warn(`versions finales non vérifiées : ${err.message}`), 0));
    const reservations = await this.reservations
      .finish(before)
      .catch((err: Error) => (this.logger.warn(`réservations non vérifiées : ${err.message}`), null));
    report.reservationsSettled = reservations?.settled ?? 0;
    report.reservationsReleased = reservations?.released ?? 0;
    if (report.finalsCompleted) this.logger.warn(`${report.finalsCompleted} version(s) finale(s) terminée(s)`);
    if (report.requeued || report.failed)
      this.logger.warn(`tours ouverts : ${report.requeued} relancé(s), ${report.failed} en échec (remboursés)`);
    return report;
  }
}
