import { Injectable, Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import { countPromptTokens } from '../../../libs/ai-providers';
import { Clock } from '../../../libs/clock';
import { AppError, type AuthUser } from '../../../libs/http';
import { JobQueue } from '../../../libs/queue';
import { assertOpen, HackathonCatalog } from '../../hackathon';
import { UserDirectory } from '../../identity';
import { assertPlaceholders } from '../../verification';
import { ConversationAccess } from '../conversation-access';
import { ConversationErrors } from '../conversation.errors';
import { QuotaDetail, QuotaErrors, QuotaGate } from '../quota/quota-gate';
import { EssaiRepository } from './essai.repository';
import { essaiMessages, essaiReservationId } from './essai-messages';

export const essaiJobId = (essaiId: string) => `essai-${essaiId}`;

/**
 * docs/api.md 1.2, trying before submitting: the prompt runs on the task's public cases only,
 * once each, charged to the student like sends — one prompt and (prompt tokens + maxTokens)
 * reserved per case, all or none (429 QUOTA_* as for a send), the unused part given back as
 * each case ends. Hidden cases are never copied into the try.
 */
@Injectable()
export class StartEssaiUseCase {
  private readonly logger = new Logger('StartEssai');

  constructor(
    private readonly access: ConversationAccess,
    private readonly hackathons: HackathonCatalog,
    private readonly users: UserDirectory,
    private readonly gate: QuotaGate,
    private readonly essais: EssaiRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async execute(conversationId: string, prompt: string, caller: AuthUser): Promise<{ essaiId: string }> {
    const c = await this.access.ownedBy(conversationId, caller);
    const participation = await this.hackathons.getForParticipation(c.hackathonId, {
      asAdmin: caller.role === 'admin',
      studentId: caller.id,
    });
    assertOpen(participation);
    const task = await this.hackathons.taskOf(c.hackathonId, c.tacheId);
    const v = task?.verification;
    const cas = (v?.cas ?? []).filter((x) => x.public).map((x) => ({ entrees: x.entrees, attendu: x.attendu }));
    if (!task || !v || !cas.length) throw ConversationErrors.noPublicCases();
    assertPlaceholders(prompt, v);

    const essaiId = new Types.ObjectId().toHexString();
    const reserves = cas.map((x) => countPromptTokens(essaiMessages(task.systeme, prompt, x.entrees)) + c.maxTokens);
    const reservations = cas.map((_x, i) => ({
      reservationId: essaiReservationId(essaiId, i),
      hackathonId: c.hackathonId,
      studentId: caller.id,
    }));
    const reserved: typeof reservations = [];
    const giveBack = async () => {
      for (const r of reserved)
        await this.gate
          .release(r)
          .catch((err: Error) => this.logger.error(`essai ${essaiId} : rendu impossible (${err.message})`));
    };
    try {
      if (c.countsUsage) {
        const user = await this.users.findById(caller.id);
        const limits = {
          prompts: participation.quotas.promptsParEtudiant,
          tokens: participation.quotas.tokensParEtudiant,
          userTokens: user?.tokensAuthorized ?? null,
        };
        for (const [i, r] of reservations.entries()) {
          await this.gate.reserve(r.hackathonId, r.studentId, r.reservationId, reserves[i], limits);
          reserved.push(r);
        }
      }
      await this.essais.create({
        id: essaiId,
        conversationId: c.id,
        hackathonId: c.hackathonId,
        studentId: caller.id,
        prompt,
        modelName: c.modelName,
        temperature: v.temperature ?? c.temperature,
        maxTokens: c.maxTokens,
        systeme: task.systeme,
        countsUsage: c.countsUsage,
        cas,
        regles: v.regles,
        reserves,
        createdAt: this.clock.now(),
      });
      try {
        await this.jobs.enqueue(
          'ai',
          'run-essai',
          { essaiId, conversationId: c.id, hackathonId: c.hackathonId, studentId: caller.id },
          { jobId: essaiJobId(essaiId) },
        );
      } catch (err) {
        await this.essais.remove(essaiId).catch(() => undefined);
        throw err;
      }
    } catch (err) {
      // All or none: a refused case (429) or a failure gives back what was reserved.
      await giveBack();
      throw withoutOwnCases(err, reserved.length, sum(reserves.slice(0, reserved.length)));
    }
    return { essaiId };
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * A case refused for quota counted this try's earlier cases as used; they are given back at
 * once, so the 429's figures leave them out: the student reads what she really has used.
 */
function withoutOwnCases(err: unknown, prompts: number, tokens: number): unknown {
  if (!(err instanceof AppError) || !prompts) return err;
  const detail = (err.details?.[0] ?? null) as QuotaDetail | null;
  if (err.code === 'QUOTA_PROMPTS_EXCEEDED' && detail?.kind === 'prompts')
    return QuotaErrors.promptsExceeded({ ...detail, used: detail.used - prompts });
  if (err.code === 'QUOTA_TOKENS_EXCEEDED' && detail && detail.kind !== 'prompts')
    return QuotaErrors.tokensExceeded({ ...detail, used: detail.used - tokens });
  return err;
}
