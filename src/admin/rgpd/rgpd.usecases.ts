import { Injectable } from '@nestjs/common';
import { AppError } from '../../../libs/http';
import { Clock } from '../../../libs/clock';
import { ConversationMaintenance } from '../../conversation';
import { EvaluationPrivacy } from '../../evaluation';
import { UserDirectory } from '../../identity';

export const RgpdErrors = {
  userNotFound: () => new AppError(404, 'USER_NOT_FOUND', 'Utilisateur introuvable'),
};

/**
 * RGPD export (issue 7): everything stored about the caller, gathered through each owning
 * context's facade. Secrets (password hash, magic link) never leave identity's mapping.
 */
@Injectable()
export class ExportMyDataUseCase {
  constructor(
    private readonly users: UserDirectory,
    private readonly conversations: ConversationMaintenance,
    private readonly evaluations: EvaluationPrivacy,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string) {
    const profile = await this.users.profileOf(userId);
    if (!profile) throw RgpdErrors.userNotFound();
    const [{ conversations, usage }, evaluations, audit] = await Promise.all([
      this.conversations.exportOf(userId),
      this.evaluations.of(userId),
      this.users.auditAbout(userId),
    ]);
    return {
      exportedAt: this.clock.now().toISOString(),
      profile,
      conversations,
      evaluations: { received: evaluations.received, given: evaluations.given },
      usage,
      audit,
    };
  }
}

/**
 * RGPD erase (issue 7): identity fields only. Conversations, messages, grades and comments
 * keep their content and ids, so a hackathon's statistics and ranking do not move.
 * Erasing twice answers 200 both times (`alreadyErased: true` the second time).
 */
@Injectable()
export class EraseUserUseCase {
  constructor(
    private readonly users: UserDirectory,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, by: string): Promise<{ id: string; erased: true; alreadyErased: boolean }> {
    const r = await this.users.erase(userId, by, this.clock.now());
    if (!r.found) throw RgpdErrors.userNotFound();
    return { id: userId, erased: true, alreadyErased: r.alreadyErased };
  }
}
