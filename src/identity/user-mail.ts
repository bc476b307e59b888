import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/env.schema';
import { composeMail, formatMailDate, Mailer, MailContent, webLink, WebPage } from '../../libs/mail';
import { LinkTokens } from './link-tokens.service';
import type { LinkKind } from './one-time-link';
import type { PublicUser } from './user.repository';

export interface LinkMailText {
  subject: string;
  page: WebPage;
  content: (user: PublicUser, url: string, until: string) => MailContent;
}

/** What a mail job answers (BullMQ keeps it in Redis): the outcome only, never an address. */
export interface UserMailOutcome {
  sent: boolean;
  reason?: 'user-not-found';
}

/**
 * The work of the identity mail jobs: make the link (only its hash is stored), write the mail
 * for the person, send it through the Mailer port. The job itself carried only the user id.
 */
@Injectable()
export class LinkMailSender {
  private readonly logger = new Logger('IdentityMail');

  constructor(
    private readonly links: LinkTokens,
    private readonly mailer: Mailer,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async send(kind: LinkKind, user: PublicUser | null, text: LinkMailText): Promise<UserMailOutcome> {
    const link = user && (await this.links.create(kind, user.id));
    if (!user || !link) {
      // Deleted (or erased) since the request: nothing to send, nothing to retry.
      this.logger.log({ kind }, 'mail non envoyé : utilisateur introuvable ou supprimé');
      return { sent: false, reason: 'user-not-found' };
    }
    const url = webLink(this.config.PUBLIC_WEB_URL, text.page, link.token);
    const until = formatMailDate(link.expiresAt, this.config.APP_TIMEZONE);
    const mail = composeMail(text.subject, text.content(user, url, until));
    await this.mailer.send({ to: user.email, ...mail, kind });
    return { sent: true };
  }
}
