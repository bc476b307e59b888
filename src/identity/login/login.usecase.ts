import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../../libs/events';
import { AccessTokenService, SignedIn } from '../auth/access-token.service';
import { IdentityErrors } from '../identity.errors';
import { PasswordHasher } from '../password-hasher';
import { UserRepository } from '../user.repository';

/** Password sign-in; an unknown email and a wrong password are the same error. */
@Injectable()
export class LoginUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokenService,
    private readonly events: DomainEvents,
  ) {}

  async execute(email: string, password: string): Promise<SignedIn> {
    const found = await this.users.findCredentials(email);
    const ok = await this.hasher.verify(password, found?.passwordHash);
    if (!found || !ok) throw IdentityErrors.invalidCredentials();
    this.events.emit('user.signed-in', { userId: found.user.id, method: 'password' });
    return this.tokens.signIn(found.user);
  }
}
