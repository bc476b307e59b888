import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import { IdentityErrors } from '../identity.errors';
import { LinkTokens } from '../link-tokens.service';
import { SessionService, SignedIn } from '../session.service';

/** Invariant 3: a sign-in link works once, within 10 minutes (LinkTokens), and opens a session. */
@Injectable()
export class VerifyMagicLinkUseCase {
  constructor(
    private readonly links: LinkTokens,
    private readonly sessions: SessionService,
    private readonly events: DomainEvents,
  ) {}

  async execute(token: string): Promise<SignedIn> {
    const user = await this.links.consume('sign-in', token);
    if (!user) throw IdentityErrors.magicLinkInvalid();
    const signedIn = await this.sessions.open(user);
    this.events.emit('user.signed-in', { userId: user.id, method: 'magic-link' });
    return signedIn;
  }
}
