import { Injectable, Logger } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import { ConversationRepository, FinalVersionInput } from '../conversation.repository';
import { VerificationJobs } from './verification-jobs';

/**
 * The second half of a submit, which anyone who finds a claim not yet copied may do (the
 * submit itself, a retried submit, the sweeper): the claimed version copied into its
 * conversation, then — only for the call that wrote it — the checks queued and the event told.
 */
@Injectable()
export class FinalCopies {
  private readonly logger = new Logger('SubmitFinal');

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly checks: VerificationJobs,
    private readonly events: DomainEvents,
  ) {}

  async complete(
    c: { id: string; hackathonId: string; studentId: string; tacheId: string },
    version: FinalVersionInput,
  ): Promise<void> {
    if (!(await this.conversations.completeFinal(c.id, version))) return;
    if (version.verification)
      // The submission stands without its job (Redis away): POST /hackathons/:id/verifications runs it later.
      await this.checks
        .enqueue(c.id, c.hackathonId)
        .catch((err: Error) => this.logger.error(`vérification de ${c.id} non mise en file : ${err.message}`));
    this.events.emit('final.submitted', {
      conversationId: c.id,
      hackathonId: c.hackathonId,
      studentId: c.studentId,
      tacheId: c.tacheId,
      at: version.soumisLe,
    });
  }

  /** Copies the claims left half-done before `before` (a process died between the two writes). */
  async completeUnfinished(before: Date, limit: number): Promise<number> {
    let done = 0;
    for (const id of await this.conversations.unfinishedClaimsSince(before, limit)) {
      const [c, version] = await Promise.all([
        this.conversations.findSummary(id),
        this.conversations.unfinishedClaimOf(id),
      ]);
      if (!c || !version) continue;
      await this.complete(c, version);
      done++;
    }
    return done;
  }
}
