import { Injectable } from '@nestjs/common';
import { Clock } from '../../libs/clock';
import type { AdminUser } from './identity.response';
import { invitationStatusOf } from './invitation-status';
import { LinkTokens } from './link-tokens.service';
import type { UserWithInvitation } from './user.repository';

/** A user as the admin routes answer it: the public user and where their invitation stands now. */
@Injectable()
export class AdminUserView {
  constructor(
    private readonly links: LinkTokens,
    private readonly clock: Clock,
  ) {}

  of({ user, invitation }: UserWithInvitation): AdminUser {
    return { ...user, invitation: invitationStatusOf(invitation, this.clock.now(), this.links.ttlMs('invitation')) };
  }
}
