import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import type { TryChecksJob } from '../../../libs/queue';
import { ReplayChecksUseCase, ReplayRequest } from '../replay-checks/replay-checks.usecase';
import type { VerificationSummary } from '../verification-summary';
import { EssaiVerificationRecord, EssaiVerificationRepository } from './essai-verification.repository';

/**
 * Runs a teacher's try with the replay of final versions (ReplayChecksUseCase): the same
 * messages, rules and budget, its runs recorded under the try's id, so a retried or resumed job
 * neither runs nor charges a case twice. Its calls take the tries' lane (VERIFICATION_TRIES_AT_ONCE),
 * so a teacher does not wait behind a class's replays. A ReplayRetryLater (provider busy) propagates for the
 * queue to retry; when the queue gives up, `fail` ends it `echec` with what did run.
 */
@Injectable()
export class RunEssaiVerificationUseCase {
  constructor(
    private readonly essais: EssaiVerificationRepository,
    private readonly replay: ReplayChecksUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(data: TryChecksJob): Promise<{ statut: string }> {
    const e = await this.essais.findById(data.essaiId);
    if (!e) return { statut: 'introuvable' };
    if (e.statut !== 'en_attente') return { statut: e.statut };
    const request = requestOf(e);
    const summary = await this.replay.execute(request);
    await this.end(e, request, summary);
    return { statut: summary.statut };
  }

  async fail(data: TryChecksJob, error: Error): Promise<void> {
    const e = await this.essais.findById(data.essaiId);
    if (!e || e.statut !== 'en_attente') return;
    const request = requestOf(e);
    const summary = await this.replay.recorded(request, {
      statut: 'echec',
      raison: { code: 'ECHEC_IA', message: `Essai interrompu : ${error.message}` },
    });
    await this.end(e, request, summary);
  }

  private async end(e: EssaiVerificationRecord, request: ReplayRequest, summary: VerificationSummary) {
    await this.essais.finish(e.id, summary, await this.replay.charged(request), this.clock.now());
  }
}

function requestOf(e: EssaiVerificationRecord): ReplayRequest {
  return {
    hackathonId: e.hackathonId,
    // The try's own id: its runs and budget entries are its own, apart from any submission's.
    conversationId: e.id,
    promptFinal: e.prompt,
    modelName: e.modelName,
    temperature: e.temperature,
    maxTokens: e.maxTokens,
    systeme: e.systeme,
    verification: e.verification,
    lane: 'tries',
  };
}
