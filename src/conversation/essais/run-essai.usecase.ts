import { Injectable, Logger } from '@nestjs/common';
import { AiProvider, AiProviderError } from '../../../libs/ai-providers';
import { Clock } from '../../../libs/clock';
import type { RunEssaiJob } from '../../../libs/queue';
import { evaluateRules, REPLAY_PARALLELISM } from '../../verification';
import { ConversationStream } from '../conversation-stream';
import { QuotaGate } from '../quota/quota-gate';
import { EssaiRecord, EssaiRepository } from './essai.repository';
import { essaiMessages, essaiReservationId } from './essai-messages';
import { essaiView } from './essai-view';

/** One provider error stops the case for good, or asks the queue for another attempt. */
class EssaiRetryLater extends Error {
  override name = 'EssaiRetryLater';
}

/**
 * Runs a try (start-essai.usecase.ts) case by case, at most REPLAY_PARALLELISM at once: the
 * call, the student's quota settled for it (what it used, never more than reserved; once, by
 * reservation id), then its result written once. A resumed job skips the cases with a result;
 * a case settled but not written runs again without a second charge. When the try ends its
 * view goes out as `event: essai` on the conversation's stream; when the queue gives up, the
 * cases that never ran are given back.
 */
@Injectable()
export class RunEssaiUseCase {
  private readonly logger = new Logger('RunEssai');

  constructor(
    private readonly essais: EssaiRepository,
    private readonly ai: AiProvider,
    private readonly gate: QuotaGate,
    private readonly stream: ConversationStream,
    private readonly clock: Clock,
  ) {}

  async execute(data: RunEssaiJob): Promise<{ statut: string }> {
    const e = await this.essais.findById(data.essaiId);
    if (!e) return { statut: 'introuvable' };
    if (e.statut !== 'en_attente') return { statut: e.statut };
    const pending = e.cas.map((_c, i) => i).filter((i) => !e.resultats[i]);
    let retry = 0;
    let next = 0;
    const lane = async () => {
      while (next < pending.length) {
        const i = pending[next++];
        try {
          await this.runCase(e, i);
        } catch (err) {
          if (!(err instanceof EssaiRetryLater)) throw err;
          retry++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(REPLAY_PARALLELISM, pending.length) }, lane));
    if (retry) throw new EssaiRetryLater(`${retry} cas de l’essai à reprendre (fournisseur d’IA indisponible)`);
    await this.end(e, 'terminee', null);
    return { statut: 'terminee' };
  }

  /** The queue gave up: what never ran goes back to the student, the try ends `echec`. */
  async fail(data: RunEssaiJob, error: Error): Promise<void> {
    const e = await this.essais.findById(data.essaiId);
    if (!e || e.statut !== 'en_attente') return;
    for (const [i, r] of e.resultats.entries())
      if (!r && e.countsUsage) await this.gate.release(this.reservation(e, i));
    await this.end(e, 'echec', `Essai interrompu : ${error.message}`);
  }

  private reservation(e: EssaiRecord, i: number) {
    return { reservationId: essaiReservationId(e.id, i), hackathonId: e.hackathonId, studentId: e.studentId };
  }

  private async runCase(e: EssaiRecord, i: number): Promise<void> {
    const c = e.cas[i];
    let completion;
    try {
      completion = await this.ai.complete(
        {
          model: e.modelName,
          messages: essaiMessages(e.systeme, e.prompt, c.entrees),
          temperature: e.temperature,
          maxTokens: e.maxTokens,
        },
        () => undefined,
      );
    } catch (err) {
      if (!(err instanceof AiProviderError)) throw err;
      if (err.retryable) throw new EssaiRetryLater(err.message);
      // Refused for good (a policy error): the case failed, and costs the student nothing.
      if (e.countsUsage) await this.gate.release(this.reservation(e, i));
      await this.essais.recordResult(e.id, i, {
        reussi: false,
        reponse: '',
        raisons: [`Le fournisseur d’IA a refusé la demande : ${err.message}`],
      });
      return;
    }
    if (e.countsUsage) await this.gate.settle(this.reservation(e, i), completion.usage.totalTokens);
    const outcome = evaluateRules(completion.text, [...c.attendu, ...e.regles]);
    await this.essais.recordResult(e.id, i, {
      reussi: outcome.reussi,
      reponse: completion.text,
      raisons: outcome.raisons,
    });
  }

  private async end(e: EssaiRecord, statut: 'terminee' | 'echec', erreur: string | null): Promise<void> {
    await this.essais.finish(e.id, statut, erreur, this.clock.now());
    const now = await this.essais.findById(e.id);
    if (!now) return;
    await this.stream.publish(e.conversationId, 'essai', { essai: essaiView(now) });
    if (statut === 'echec') this.logger.warn(`essai ${e.id} : ${erreur}`);
  }
}
