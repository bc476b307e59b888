import { Injectable } from '@nestjs/common';
import { HackathonCatalog } from '../../hackathon';
import { VerificationErrors } from '../verification.errors';
import { EssaiVerificationRepository } from './essai-verification.repository';
import type { EssaiVerificationView } from './essai-verification.response';
import { essaiVerificationView } from './essai-verification-view';

/** A teacher's try, read back (admin); one of another hackathon: 404 ESSAI_NOT_FOUND. */
@Injectable()
export class GetEssaiVerificationUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly essais: EssaiVerificationRepository,
  ) {}

  async execute(hackathonId: string, essaiId: string): Promise<EssaiVerificationView> {
    const h = await this.hackathons.viewOf(hackathonId);
    const e = await this.essais.findById(essaiId);
    if (!e || e.hackathonId !== h.id) throw VerificationErrors.essaiNotFound();
    return essaiVerificationView(e);
  }
}
