import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../../libs/http';
import { HackathonCatalog } from '../../hackathon';
import { QuotaGate } from '../quota/quota-gate';

/** What a student has used (reserved in-flight answers included) against the hackathon's quotas. */
@Injectable()
export class MyQuotaUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly gate: QuotaGate,
  ) {}

  async execute(hackathonId: string, caller: AuthUser) {
    // The limits in force for this student: their own ones in this hackathon when the admin set some.
    const h = await this.hackathons.getForParticipation(hackathonId, { studentId: caller.id });
    const usage = await this.gate.usage(hackathonId, caller.id);
    return {
      promptsUsed: usage.prompts,
      promptsLimit: h.quotas.promptsParEtudiant,
      tokensUsed: usage.tokens,
      tokensLimit: h.quotas.tokensParEtudiant,
    };
  }
}
