import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { IdentityErrors } from '../identity.errors';
import { toStoredRole } from '../roles';
import { PublicUser, UserRepository } from '../user.repository';
import { toUserPatch } from '../user-patch';
import { UpdateUserDto } from './update-user.dto';

/**
 * Admin update; a change of role or email is written to the audit log (docs/data-model.md §10.3). A change of
 * role ends all of the user's sessions (they sign in again under the new role). An admin never
 * changes their own role (`409 SELF_CHANGE_REFUSED`): another admin does.
 */
@Injectable()
export class UpdateUserUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, dto: UpdateUserDto, actorId: string): Promise<PublicUser> {
    const before = await this.users.findById(id);
    if (!before) throw IdentityErrors.userNotFound();
    const { role, ...rest } = dto;
    const patch = toUserPatch(rest);
    if (role !== undefined) patch.role = toStoredRole(role);
    const roleChanges = patch.role !== undefined && patch.role !== before.role;
    if (roleChanges && id === actorId) throw IdentityErrors.selfChangeRefused('role');
    const after = await this.users.updateProfile(id, patch, { endSessions: roleChanges });
    if (!after) throw IdentityErrors.userNotFound();
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (before.role !== after.role) changes.role = { from: before.role, to: after.role };
    if (before.email !== after.email) changes.email = { from: before.email, to: after.email };
    if (Object.keys(changes).length) {
      await this.users.writeAudit({ actorId, action: 'user.updated', targetId: id, changes, at: this.clock.now() });
    }
    return after;
  }
}
