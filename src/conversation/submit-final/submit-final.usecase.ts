import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { DomainEvents } from '../../../libs/events';
import { AuthUser } from '../../../libs/http';
import { assertOpen, HackathonCatalog } from '../../hackathon';
import { ConversationAccess } from '../conversation-access';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository, ConversationSummary } from '../conversation.repository';
import { SubmitFinalDto } from './submit-final.dto';

/**
 * Invariant 4: one final version per conversation, only while the hackathon is open. The
 * chosen answer must be one of the assistant's messages (by id, or by its exact text), and
 * the model and parameters that produced it are frozen with it. The first claim (unique
 * insert) wins, on every engine; later ones get 409 ALREADY_SUBMITTED.
 */
@Injectable()
export class SubmitFinalUseCase {
  constructor(
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
    });
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
