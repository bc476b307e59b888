import { Injectable } from '@nestjs/common';
import { UserRepository } from '../user.repository';
import { LinkMailSender, UserMailOutcome } from '../user-mail';

/** "Send user X a password-reset link": valid 1 hour, once. */
@Injectable()
export class SendPasswordResetUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly sender: LinkMailSender,
  ) {}

  async execute(userId: string): Promise<UserMailOutcome> {
    return this.sender.send('password-reset', await this.users.findById(userId), {
      subject: 'Réinitialisation de votre mot de passe Prompt Challenge',
      page: '/mot-de-passe',
      content: (user, url, until) => ({
        greeting: `Bonjour ${user.prenom},`,
        intro: ['Vous avez demandé à changer le mot de passe de votre compte Prompt Challenge.'],
        action: { label: 'Choisir un nouveau mot de passe', url },
        outro: [
          `Ce lien fonctionne une seule fois, jusqu’au ${until} (1 heure). Une fois le mot de passe changé, ` +
            'vos autres sessions ouvertes sont fermées.',
          'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
        ],
      }),
    });
  }
}
