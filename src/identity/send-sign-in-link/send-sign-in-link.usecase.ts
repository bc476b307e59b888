import { Injectable } from '@nestjs/common';
import { UserRepository } from '../user.repository';
import { LinkMailSender, UserMailOutcome } from '../user-mail';

/** "Send user X a sign-in link": valid 10 minutes, once. */
@Injectable()
export class SendSignInLinkUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly sender: LinkMailSender,
  ) {}

  async execute(userId: string): Promise<UserMailOutcome> {
    return this.sender.send('sign-in', await this.users.findById(userId), {
      subject: 'Votre lien de connexion à Prompt Challenge',
      page: '/connexion',
      content: (user, url, until) => ({
        greeting: `Bonjour ${user.prenom},`,
        intro: ['Vous avez demandé à vous connecter à Prompt Challenge. Cliquez sur le bouton ci-dessous :'],
        action: { label: 'Me connecter', url },
        outro: [
          `Ce lien fonctionne une seule fois, jusqu’au ${until} (10 minutes).`,
          'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : personne ne pourra se connecter sans ce lien.',
        ],
      }),
    });
  }
}
