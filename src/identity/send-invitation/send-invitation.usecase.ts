import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/env.schema';
import { UserRepository } from '../user.repository';
import { LinkMailSender, UserMailOutcome } from '../user-mail';

const ROLE_WORDS: Record<string, string> = {
  student: 'participant·e',
  examiner: 'membre du jury',
  admin: 'administrateur·rice',
};

/**
 * "Send user X an invitation": a link valid INVITATION_TTL_HOURS, once, that signs in and may set
 * a password. The mail says who invited (the admin's name), into which hackathon (an import into
 * a class) and which account (the email) the link activates, so the person knows it is for them.
 */
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
    const found = await this.users.findWithInvitation(userId);
    const inviterId = found?.invitation?.invitedById;
    const inviter = inviterId && inviterId !== userId ? await this.users.findById(inviterId) : null;
    const hackathon = found?.invitation?.hackathon ?? null;
    const by = inviter ? ` par ${inviter.prenom} ${inviter.nom}` : '';
    return this.sender.send('invitation', found?.user ?? null, {
      subject: hackathon
        ? `Votre invitation au hackathon « ${hackathon.nom} » — Prompt Challenge`
        : 'Votre invitation à Prompt Challenge',
      page: '/invitation',
      content: (user, url, until) => ({
        greeting: `Bonjour ${user.prenom},`,
        intro: [
          hackathon
            ? `Vous avez été invité·e${by} à participer au hackathon « ${hackathon.nom} » sur Prompt Challenge.`
            : `Vous avez été invité·e${by} sur Prompt Challenge.`,
          `Ce lien active le compte ${user.email}` +
            `${ROLE_WORDS[user.role] ? ` (${ROLE_WORDS[user.role]})` : ''} au nom de ${user.prenom} ${user.nom}.`,
          'Cliquez sur le bouton ci-dessous pour activer votre compte ; vous pourrez y choisir un mot de passe.',
        ],
        action: { label: 'Activer mon compte', url },
        outro: [
          `Ce lien fonctionne une seule fois, jusqu’au ${until} (${validity}). Passé ce délai, demandez une nouvelle ` +
            `invitation${inviter ? ` à ${inviter.prenom} ${inviter.nom}` : ' à votre établissement'}, ` +
            'ou connectez-vous par lien de connexion avec votre adresse.',
          'Si ce compte n’est pas le vôtre, ignorez ce message : rien ne sera activé.',
        ],
      }),
    });
  }
}
