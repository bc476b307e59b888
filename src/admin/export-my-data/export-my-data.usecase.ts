import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { ConversationMaintenance } from '../../conversation';
import { EvaluationPrivacy } from '../../evaluation';
import { UserDirectory } from '../../identity';
import { AdminErrors } from '../admin.errors';

/**
 * RGPD export: everything stored about the caller, gathered through each owning context's
 * facade. Secrets (password hash, magic link) never leave identity's mapping; the evaluations
 * an examiner gave name the authors as the examiner may see them (pseudonyms when anonymous).
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
    if (!profile) throw AdminErrors.userNotFound();
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
