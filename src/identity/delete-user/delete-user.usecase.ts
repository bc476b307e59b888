import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { IdentityErrors } from '../identity.errors';
import { UserRepository } from '../user.repository';

/** Soft delete: the user can no longer sign in, and every session ends. Never one's own account (409 SELF_CHANGE_REFUSED). */
@Injectable()
export class DeleteUserUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, actorId: string): Promise<void> {
    if (id === actorId) throw IdentityErrors.selfChangeRefused('delete');
    const now = this.clock.now();
    if (!(await this.users.softDelete(id, actorId, now))) throw IdentityErrors.userNotFound();
    await this.users.writeAudit({ actorId, action: 'user.deleted', targetId: id, at: now });
  }
}
