import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import { IdentityErrors } from '../identity.errors';
import { LinkTokens } from '../link-tokens.service';
import { PasswordHasher } from '../password-hasher';
import { SessionService, SignedIn } from '../session.service';
import { UserRepository } from '../user.repository';

/** An invitation link (once, within INVITATION_TTL_HOURS) signs the user in, setting a password when given. */
@Injectable()
export class AcceptInvitationUseCase {
  constructor(
    private readonly links: LinkTokens,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly events: DomainEvents,
  ) {}

  async execute(token: string, password?: string): Promise<SignedIn> {
    const user = await this.links.consume('invitation', token);
    if (!user) throw IdentityErrors.invitationInvalid();
    if (password !== undefined) {
      // A first password ends no session worth keeping: the invited user had none.
      if (!(await this.users.setPassword(user.id, await this.hasher.hash(password), null))) {
        throw IdentityErrors.invitationInvalid();
      }
    }
    const signedIn = await this.sessions.open(user);
    this.events.emit('user.signed-in', { userId: user.id, method: 'invitation' });
    return signedIn;
  }
}
