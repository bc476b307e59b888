import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import { Clock } from '../../../libs/clock';
import { AccessTokenService, SignedIn } from '../auth/access-token.service';
import { IdentityErrors } from '../identity.errors';
import { UserRepository } from '../user.repository';
import { hashMagicLinkToken } from './magic-link-token';

/**
 * Invariant 3: a token works once, within 10 minutes. "Once" rests on a unique-index insert
 * (atomic on FerretDB too, where conditional updates are not); expiry is checked in the query.
 */
@Injectable()
export class VerifyMagicLinkUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: AccessTokenService,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  async execute(token: string): Promise<SignedIn> {
    const hash = hashMagicLinkToken(token);
    const now = this.clock.now();
    const user = await this.users.findByMagicLink(hash, now);
    if (!user) throw IdentityErrors.magicLinkInvalid();
    if (!(await this.users.recordMagicLinkUse(hash, user.id, now))) throw IdentityErrors.magicLinkInvalid();
    await this.users.clearMagicLink(user.id, hash);
    this.events.emit('user.signed-in', { userId: user.id, method: 'magic-link' });
    return this.tokens.signIn(user);
  }
}
