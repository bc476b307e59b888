import { Injectable } from '@nestjs/common';
import { IdentityErrors } from '../identity.errors';
import { UserRepository } from '../user.repository';
import { Invitations } from '../invitations.service';

/**
 * `POST /users/:id/invitation`: a new invitation mail; the previous link stops working. The
 * admin who re-sends is the one the mail names; the hackathon stays the first invitation's.
 */
@Injectable()
export class ResendInvitationUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly invitations: Invitations,
  ) {}

  async execute(userId: string, actorId: string): Promise<void> {
    if (!(await this.users.findById(userId))) throw IdentityErrors.userNotFound();
    await this.invitations.send(userId, { invitedBy: actorId });
  }
}
