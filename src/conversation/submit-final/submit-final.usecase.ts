import { Injectable, Logger } from '@nestjs/common';
import { countTextTokens } from '../../../libs/ai-providers';
import { Clock } from '../../../libs/clock';
import { DomainEvents } from '../../../libs/events';
import { AuthUser } from '../../../libs/http';
import { assertOpen, HackathonCatalog } from '../../hackathon';
import { ConversationAccess } from '../conversation-access';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository, ConversationSummary } from '../conversation.repository';
import { assertPlaceholders, pendingSummary } from '../../verification';
import { SubmitFinalDto } from './submit-final.dto';
import { VerificationJobs } from './verification-jobs';

/**
 * Invariant 4: one final version per conversation, only while the hackathon is open. The
 * chosen answer must be one of the assistant's messages (by id, or by its exact text), and
 * the model and parameters that produced it are frozen with it. The first claim (unique
 * insert) wins, on every engine; later ones get 409 ALREADY_SUBMITTED.
 *
 * A task with automatic checks (docs/api.md 1.2): the prompt's `{{placeholders}}` must match
 * the cases' inputs (400 PROMPT_PLACEHOLDERS, before anything is claimed), the final version
 * starts with `verification.statut: en_attente`, and one replay job is queued
 * (verify-submission.usecase.ts), charged to the hackathon's budget, never to the student.
 */
@Injectable()
export class SubmitFinalUseCase {
  private readonly logger = new Logger('SubmitFinal');

  constructor(
    private readonly checks: VerificationJobs,
    private readonly access: ConversationAccess,
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, dto: SubmitFinalDto, caller: AuthUser): Promise<ConversationSummary> {
    const c = await this.access.ownedWithMessages(id, caller);
    if (c.versionFinale) throw ConversationErrors.alreadySubmitted();
    assertOpen(
      await this.hackathons.getForParticipation(c.hackathonId, {
        asAdmin: caller.role === 'admin',
        studentId: caller.id,
      }),
    );
    const answers = c.messages.filter((m) => m.role === 'assistant');
    const wanted = dto.messageId?.toLowerCase();
    const chosen = wanted
      ? answers.find((m) => m.id === wanted)
      : [...answers].reverse().find((m) => m.content.trim() === dto.reponseIAFinale);
    if (!chosen) throw ConversationErrors.finalAnswerUnknown();
    const verification = (await this.hackathons.taskOf(c.hackathonId, c.tacheId))?.verification ?? null;
    assertPlaceholders(dto.promptFinal, verification);
    const now = this.clock.now();
    if (!(await this.conversations.claimFinal(id, now))) throw ConversationErrors.alreadySubmitted();
    const final = await this.conversations.setFinal(id, {
      promptFinal: dto.promptFinal,
      reponseIAFinale: chosen.content,
      soumisLe: now,
      messageId: chosen.id,
      modelName: chosen.modelUsed ?? c.modelName,
      temperature: c.temperatureUsed ?? c.temperature,
      maxTokens: c.maxTokensUsed ?? c.maxTokens,
      verification: verification && pendingSummary(verification, countTextTokens(dto.promptFinal)),
    });
    if (verification && final)
      // The submission stands without its job (Redis away): POST /hackathons/:id/verifications runs it later.
      await this.checks
        .enqueue(id, c.hackathonId)
        .catch((err: Error) => this.logger.error(`vérification de ${id} non mise en file : ${err.message}`));
    this.events.emit('final.submitted', {
      conversationId: id,
      hackathonId: c.hackathonId,
      studentId: caller.id,
      tacheId: c.tacheId,
      at: now,
    });
    if (!final) throw ConversationErrors.notFound();
    return final;
  }
}
