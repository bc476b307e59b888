import { Injectable } from '@nestjs/common';
import type { InvitationCheck } from '../identity.response';
import { IdentityErrors } from '../identity.errors';
import { LinkTokens } from '../link-tokens.service';
import { UserRepository } from '../user.repository';

/**
 * What an invitation link opens, said before it is used: the account (email and name), the
 * hackathon of the import that created it and who invited. The link is not used up; a link that
 * `POST /auth/invitation/accept` would refuse (unknown, used, replaced, expired) is a
 * `401 INVITATION_INVALID` here too, so the page says so on arrival.
 */
@Injectable()
export class CheckInvitationUseCase {
  constructor(
    private readonly links: LinkTokens,
    private readonly users: UserRepository,
  ) {}

  async execute(token: string): Promise<InvitationCheck> {
    const holder = await this.links.peek('invitation', token);
    if (!holder) throw IdentityErrors.invitationInvalid();
    const inviterId = holder.invitation?.invitedById;
    const inviter = inviterId ? await this.users.findById(inviterId) : null;
    return {
      email: holder.user.email,
      prenom: holder.user.prenom,
      nom: holder.user.nom,
      hackathon: holder.invitation?.hackathon ?? null,
      invitePar: inviter ? { prenom: inviter.prenom, nom: inviter.nom } : null,
      expireLe: holder.expiresAt.toISOString(),
    };
  }
}
