import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import { IdentityErrors } from '../identity.errors';
import { LinkTokens } from '../link-tokens.service';
import { PasswordHasher } from '../password-hasher';
import { SessionService, SignedIn } from '../session.service';
import { UserRepository } from '../user.repository';

/** A reset link (once, within 1 hour) sets a new password, ends every session, opens a new one. */
@Injectable()
export class ResetPasswordUseCase {
  constructor(
    private readonly links: LinkTokens,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly events: DomainEvents,
  ) {}

  async execute(token: string, password: string): Promise<SignedIn> {
    const user = await this.links.consume('password-reset', token);
    if (!user) throw IdentityErrors.passwordResetInvalid();
    if (!(await this.users.setPassword(user.id, await this.hasher.hash(password), null))) {
      throw IdentityErrors.passwordResetInvalid();
    }
    const signedIn = await this.sessions.open(user);
    this.events.emit('user.signed-in', { userId: user.id, method: 'password-reset' });
    return signedIn;
  }
}
