import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import type { Role } from '../../../libs/http';
import { IdentityErrors } from '../identity.errors';
import { PasswordHasher } from '../password-hasher';
import { SessionService, SignedIn } from '../session.service';
import { UserRepository } from '../user.repository';

/**
 * Password sign-in; an unknown email and a wrong password are the same error, after the same
 * work: the same scan for the email, and a bcrypt comparison of the same cost (against a dummy
 * hash when there is no account or no password), so timing tells nothing either.
 */
@Injectable()
export class LoginUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly events: DomainEvents,
  ) {}

  /** `requiredRole`: refuse (403, no session opened) a valid account of another role (the queue board). */
  async execute(email: string, password: string, requiredRole?: Role): Promise<SignedIn> {
    const found = await this.users.findCredentials(email);
    const ok = await this.hasher.verify(password, found?.passwordHash);
    if (!found || !ok) throw IdentityErrors.invalidCredentials();
    if (requiredRole && found.user.role !== requiredRole) throw IdentityErrors.forbidden();
    const signedIn = await this.sessions.open(found.user);
    this.events.emit('user.signed-in', { userId: found.user.id, method: 'password' });
    return signedIn;
  }
}
