import { Injectable } from '@nestjs/common';
import { AdminUserView } from '../admin-user-view';
import type { AdminUser } from '../identity.response';
import { IdentityErrors } from '../identity.errors';
import { UserRepository } from '../user.repository';

/** One user, with where their invitation stands. */
@Injectable()
export class GetUserUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly view: AdminUserView,
  ) {}

  async execute(id: string): Promise<AdminUser> {
    const found = await this.users.findWithInvitation(id);
    if (!found) throw IdentityErrors.userNotFound();
    return this.view.of(found);
  }
}
