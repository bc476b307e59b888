import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { AI_PARAMETER_RANGES } from '../../../config/ai-models';
import { AiModelCatalog } from '../../../libs/ai-providers';
import { Clock } from '../../../libs/clock';
import type { AuthUser } from '../../../libs/http';
import { JobQueue } from '../../../libs/queue';
import { DefinitionProblem, HackathonCatalog, HackathonErrors, readTaskContent } from '../../hackathon';
import { assertPlaceholders } from '../prompt-placeholders';
import { VerificationErrors } from '../verification.errors';
import { EssaiVerificationRepository } from './essai-verification.repository';
import type { StartEssaiVerificationDto } from './start-essai-verification.dto';

export const essaiVerificationJobId = (essaiId: string) => `verif-essai-${essaiId}`;

/**
 * `POST /hackathons/:id/verifications/essais` (admin): a teacher tries a task's checks on a
 * sample prompt before students see them — the saved definition, or the one in the form
 * (checked like a task's). Every case runs once (a try shows whether the cases and rules say
 * what the teacher means; repetitions measure a prompt's steadiness, which is the students'
 * business), with the hackathon's first allowed model and the default answer length, on the
 * AI queue (run-essai-verification.usecase.ts), charged to the hackathon's verification budget.
 * Any statut: a teacher prepares checks while the hackathon is still a draft.
 */
@Injectable()
export class StartEssaiVerificationUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly models: AiModelCatalog,
    private readonly essais: EssaiVerificationRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async execute(hackathonId: string, dto: StartEssaiVerificationDto, caller: AuthUser): Promise<{ essaiId: string }> {
    const h = await this.hackathons.viewOf(hackathonId);
    const tacheId = dto.tacheId?.toLowerCase();
    const task = tacheId === undefined ? null : h.taches.find((t) => t.id === tacheId);
    if (tacheId !== undefined && !task) throw VerificationErrors.unknownTask(dto.tacheId ?? '');

    const problems: DefinitionProblem[] = [];
    const given = readTaskContent({ verification: dto.verification, systeme: dto.systeme }, '', problems);
    if (problems.length) throw HackathonErrors.invalidVerification(problems);
    const verification = given.verification !== undefined ? given.verification : (task?.verification ?? null);
    if (!verification)
      throw HackathonErrors.invalidVerification([
        {
          field: 'verification',
          messages: [
            task
              ? 'cette tâche n’a pas de vérification enregistrée : envoyez celle à essayer'
              : 'donnez la vérification à essayer (ou la tâche, tacheId, dont elle est enregistrée)',
          ],
        },
      ]);
    const systeme = given.systeme !== undefined ? given.systeme : (task?.systeme ?? null);
    assertPlaceholders(dto.prompt, verification, 'prompt');

    const essaiId = new Types.ObjectId().toHexString();
    await this.essais.create({
      id: essaiId,
      hackathonId: h.id,
      tacheId: task?.id ?? null,
      requestedBy: caller.id,
      prompt: dto.prompt,
      systeme,
      verification: { ...verification, repetitions: 1 },
      modelName: h.modeles[0] ?? this.models.models[0].name,
      temperature: verification.temperature ?? AI_PARAMETER_RANGES.temperature.default,
      maxTokens: AI_PARAMETER_RANGES.maxTokens.default,
      createdAt: this.clock.now(),
    });
    try {
      await this.jobs.enqueue(
        'ai',
        'try-checks',
        { essaiId, hackathonId: h.id },
        { jobId: essaiVerificationJobId(essaiId) },
      );
    } catch (err) {
      await this.essais.remove(essaiId).catch(() => undefined);
      throw err;
    }
    return { essaiId };
  }
}
