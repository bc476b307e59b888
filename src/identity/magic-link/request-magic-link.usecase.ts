import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { Clock } from '../../../libs/clock';
import { JobQueue } from '../../../libs/queue';
import { UserRepository } from '../user.repository';
import { MAGIC_LINK_TTL_MS, newMagicLinkToken } from './magic-link-token';

/**
 * Seed 3.4. For an existing user: a fresh token (replacing any previous one) and a queued
 * mail. For an unknown email: nothing — the caller cannot tell the difference.
 */
@Injectable()
export class RequestMagicLinkUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async execute(email: string): Promise<void> {
    const user = await this.users.findActiveByEmail(email);
    if (!user) return;
    const { token, hash } = newMagicLinkToken();
    await this.users.setMagicLink(user.id, hash, new Date(this.clock.now().getTime() + MAGIC_LINK_TTL_MS));
    const link = `${this.config.PUBLIC_WEB_URL.replace(/\/$/, '')}/connexion?token=${token}`;
    await this.jobs.enqueue('mail', 'send-mail', {
      kind: 'magic-link',
      to: user.email,
      subject: 'Votre lien de connexion Prompt Challenge',
      text: [
        `Bonjour ${user.prenom},`,
        '',
        'Voici votre lien de connexion, valable 10 minutes et utilisable une seule fois :',
        link,
        '',
        `Jeton : ${token}`,
        '',
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.",
      ].join('\n'),
    });
  }
}
