import { Injectable } from '@nestjs/common';
import { countTextTokens } from '../../../libs/ai-providers';
import { Clock } from '../../../libs/clock';
import { AuthUser } from '../../../libs/http';
import { assertOpen, HackathonCatalog } from '../../hackathon';
import { ConversationAccess } from '../conversation-access';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository, ConversationSummary, FinalVersionInput } from '../conversation.repository';
import { assertPlaceholders, pendingSummary } from '../../verification';
import { SubmitFinalDto } from './submit-final.dto';
import { FinalCopies } from './final-copies';

/**
 * Invariant 4: one final version per conversation and per task of a student, only while the
 * hackathon is open. The chosen answer must be one of the assistant's messages (by id, or by
 * its exact text), and the model and parameters that produced it are frozen with it. The claim
 * and the version are one insert (ConversationRepository.claimFinal): the first wins on every
 * engine; later ones get 409 ALREADY_SUBMITTED, or TASK_ALREADY_SUBMITTED from another
 * conversation of the same task. The copy into the conversation follows (FinalCopies): a claim
 * a crash left uncopied is finished by the next submit or by the sweeper.
 *
 * A task with automatic checks (docs/api.md 1.2): the prompt's `{{placeholders}}` must match
 * the cases' inputs (400 PROMPT_PLACEHOLDERS, before anything is claimed), the final version
 * starts with `verification.statut: en_attente`, and one replay job is queued
 * (verify-submission.usecase.ts), charged to the hackathon's budget, never to the student.
 */
@Injectable()
export class SubmitFinalUseCase {
  constructor(
    private readonly finals: FinalCopies,
    private readonly access: ConversationAccess,
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, dto: SubmitFinalDto, caller: AuthUser): Promise<ConversationSummary> {
    const c = await this.access.ownedWithMessages(id, caller);
    if (c.versionFinale) {
      // A client that lost the answer and sends the same submission again is told it stands.
      if (!sameSubmission(c.versionFinale, dto)) throw ConversationErrors.alreadySubmitted();
      return (await this.conversations.findSummary(id)) ?? c;
    }
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
    const version: FinalVersionInput = {
      promptFinal: dto.promptFinal,
      reponseIAFinale: chosen.content,
      soumisLe: now,
      messageId: chosen.id,
      modelName: chosen.modelUsed ?? c.modelName,
      temperature: c.temperatureUsed ?? c.temperature,
      maxTokens: c.maxTokensUsed ?? c.maxTokens,
      verification: verification && pendingSummary(verification, countTextTokens(dto.promptFinal)),
    };
    const claimed = await this.conversations.claimFinal({
      conversationId: id,
      hackathonId: c.hackathonId,
      studentId: c.studentId,
      tacheId: c.tacheId,
      version,
    });
    if (claimed === 'task') throw ConversationErrors.taskAlreadySubmitted();
    if (claimed === 'conversation') {
      // Claimed before: by a submit that died before copying it (finished here: the first claim
      // stands), or by one running now. The same submission sent again is answered as a success.
      const unfinished = await this.conversations.unfinishedClaimOf(id);
      if (unfinished) await this.finals.complete(c, unfinished);
      const standing = unfinished ?? (await this.conversations.findSummary(id))?.versionFinale;
      if (!standing || !sameSubmission(standing, dto)) throw ConversationErrors.alreadySubmitted();
    } else {
      await this.finals.complete(c, version);
    }
    const final = await this.conversations.findSummary(id);
    if (!final) throw ConversationErrors.notFound();
    return final;
  }
}

/** The submission `dto` asks for is the one recorded: same prompt, same answer (by id or text). */
function sameSubmission(
  v: { promptFinal: string; messageId: string | null; reponseIAFinale: string },
  dto: SubmitFinalDto,
): boolean {
  if (v.promptFinal !== dto.promptFinal) return false;
  return dto.messageId
    ? dto.messageId.toLowerCase() === v.messageId
    : dto.reponseIAFinale?.trim() === v.reponseIAFinale.trim();
}
