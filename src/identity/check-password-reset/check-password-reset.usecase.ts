import { Injectable } from '@nestjs/common';
import type { PasswordResetCheck } from '../identity.response';
import { IdentityErrors } from '../identity.errors';
import { LinkTokens } from '../link-tokens.service';

/**
 * Whose password a reset link changes, said before it is used (the link is not used up); a link
 * `POST /auth/password/reset` would refuse is a `401 PASSWORD_RESET_INVALID` here too.
 */
@Injectable()
export class CheckPasswordResetUseCase {
  constructor(private readonly links: LinkTokens) {}

  async execute(token: string): Promise<PasswordResetCheck> {
    const holder = await this.links.peek('password-reset', token);
    if (!holder) throw IdentityErrors.passwordResetInvalid();
    return {
      email: holder.user.email,
      prenom: holder.user.prenom,
      nom: holder.user.nom,
      expireLe: holder.expiresAt.toISOString(),
    };
  }
}
