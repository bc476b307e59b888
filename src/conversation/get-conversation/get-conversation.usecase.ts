import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { AuthUser } from '../../../libs/http';
import { HackathonCatalog } from '../../hackathon';
import { maskStrings, UserDirectory } from '../../identity';
import { ConversationErrors } from '../conversation.errors';
import { ConversationRepository, ConversationWithMessages } from '../conversation.repository';
import { ChecksReader, publicConversation, publicMessage } from '../conversation-view';
import type { ConversationDetail, ProchainMessage } from '../conversation.response';
import { sendReservation } from '../prompt-window';
import { QuotaGate } from '../quota/quota-gate';
import { MessagesPageQuery } from './get-conversation.dto';

// What a final version holds that no student wrote: never masked.
const FINAL_VERSION_KEPT = new Set(['messageId', 'soumisLe', 'modelName']);

/**
 * The owner, an examiner the conversation is assigned to, or an admin; anyone else gets 404
 * (invariant 7; an examiner learns nothing of what is not theirs to grade). Messages come
 * paged from the newest (`skip` newest skipped, then up to `limit`), returned oldest first.
 * Examiners of an anonymous hackathon do not see who wrote it (invariant 5). Its owner also
 * learns what the next prompt costs (`prochainMessage`), computed as the send computes it.
 */
@Injectable()
export class GetConversationUseCase {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly hackathons: HackathonCatalog,
    private readonly users: UserDirectory,
    private readonly gate: QuotaGate,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async execute(id: string, caller: AuthUser, q: MessagesPageQuery): Promise<ConversationDetail> {
    const c = await this.conversations.findWithMessages(id);
    const allowed =
      c &&
      (caller.role === 'admin' ||
        (caller.role === 'student' && c.studentId === caller.id) ||
        (caller.role === 'examiner' && c.assignedExaminerIds.includes(caller.id)));
    if (!c || !allowed) throw ConversationErrors.notFound();
    const total = c.messages.length;
    const end = Math.max(0, total - q.skip);
    // A student sees their checks' score once the results are published; staff see every case.
    const reader: ChecksReader =
      caller.role !== 'student'
        ? { staff: true }
        : {
            staff: false,
            resultatsPublies:
              !!c.versionFinale?.verification &&
              (await this.hackathons.getForParticipation(c.hackathonId)).resultatsPublies,
          };
    const view: ConversationDetail = {
      ...publicConversation(c, reader),
      messages: c.messages.slice(Math.max(0, end - q.limit), end).map(publicMessage),
      messagesTotal: total,
      prochainMessage: c.studentId === caller.id ? await this.nextMessage(c) : null,
    };
    if (caller.role === 'examiner') {
      const [summary] = await this.hackathons.findSummaries([c.hackathonId]);
      if (!summary || summary.anonymatActif) {
        delete view.studentId;
        delete view.groupId;
        // The student's names and email, where they wrote them, are masked too (identity-mask.ts).
        const mask = await this.users.identityMaskOf(c.studentId);
        view.messages = view.messages.map((m) => ({ ...m, content: mask(m.content) }));
        if (view.versionFinale) view.versionFinale = maskStrings(view.versionFinale, mask, FINAL_VERSION_KEPT);
      }
    }
    return view;
  }

  /** What the next send reserves (its prompt's words aside) and whether the quota takes it now. */
  private async nextMessage(c: ConversationWithMessages): Promise<ProchainMessage> {
    const tokensReserves = sendReservation(c.messages, '', this.config.AI_CONTEXT_MAX_TOKENS, c.maxTokens).tokens;
    if (!c.countsUsage) return { tokensReserves, possible: true };
    const [participation, user] = await Promise.all([
      this.hackathons.getForParticipation(c.hackathonId, { studentId: c.studentId }),
      this.users.findById(c.studentId),
    ]);
    const possible = await this.gate.wouldAllow(c.hackathonId, c.studentId, tokensReserves, {
      prompts: participation.quotas.promptsParEtudiant,
      tokens: participation.quotas.tokensParEtudiant,
      userTokens: user?.tokensAuthorized ?? null,
    });
    return { tokensReserves, possible };
  }
}
