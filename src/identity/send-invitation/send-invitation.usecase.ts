import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { UserRepository } from '../user.repository';
import { LinkMailSender, UserMailOutcome } from '../user-mail';

const ROLE_WORDS: Record<string, string> = {
  student: 'participant·e',
  examiner: 'membre du jury',
  admin: 'administrateur·rice',
};

/** "Send user X an invitation": a link valid INVITATION_TTL_HOURS, once, that signs in and may set a password. */
@Injectable()
export class SendInvitationUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly sender: LinkMailSender,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async execute(userId: string): Promise<UserMailOutcome> {
    const days = Math.round(this.config.INVITATION_TTL_HOURS / 24);
    const validity = days >= 1 ? `${days} jour${days > 1 ? 's' : ''}` : `${this.config.INVITATION_TTL_HOURS} h`;
    return this.sender.send('invitation', await this.users.findById(userId), {
      subject: 'Votre invitation à Prompt Challenge',
      page: '/invitation',
      content: (user, url, until) => ({
        greeting: `Bonjour ${user.prenom},`,
        intro: [
          `Un compte Prompt Challenge a été créé pour vous${ROLE_WORDS[user.role] ? ` (${ROLE_WORDS[user.role]})` : ''}, ` +
            `avec l’adresse ${user.email}.`,
          'Cliquez sur le bouton ci-dessous pour activer votre compte ; vous pourrez y choisir un mot de passe.',
        ],
        action: { label: 'Activer mon compte', url },
        outro: [
          `Ce lien fonctionne une seule fois, jusqu’au ${until} (${validity}). Passé ce délai, demandez une nouvelle ` +
            'invitation à votre établissement, ou connectez-vous par lien de connexion avec votre adresse.',
        ],
      }),
    });
  }
}
