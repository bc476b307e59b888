import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../libs/http';
import { IdentityErrors } from '../identity.errors';
import { PasswordHasher } from '../password-hasher';
import { UserRepository } from '../user.repository';
import { ChangePasswordDto } from './change-password.dto';

/**
 * `PUT /users/me/password`: the current password is checked when the user has one; the new one
 * is set and every other session ends (the caller's own session goes on).
 */
@Injectable()
export class ChangePasswordUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(caller: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const current = await this.users.passwordHashOf(caller.id);
    if (!current) throw IdentityErrors.tokenInvalid();
    if (current.passwordHash) {
      if (dto.currentPassword === undefined) throw IdentityErrors.currentPasswordRequired();
      if (!(await this.hasher.verify(dto.currentPassword, current.passwordHash))) {
        throw IdentityErrors.invalidCredentials();
      }
    }
    const hash = await this.hasher.hash(dto.newPassword);
    if (!(await this.users.setPassword(caller.id, hash, caller.sessionId ?? null))) throw IdentityErrors.tokenInvalid();
  }
}
