import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { Page, pageOf, skipOf, StoredRole } from '../../../libs/http';
import { toUserPatch } from '../me/me.usecases';
import { IdentityErrors } from '../identity.errors';
import { PasswordHasher } from '../password-hasher';
import { canonicalRole } from '../roles';
import { PublicUser, UserRepository } from '../user.repository';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './manage-users.dto';

const toStoredRole = (value: string): StoredRole => (value === '' ? '' : canonicalRole(value)!);

@Injectable()
export class ListUsersUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(q: ListUsersQuery): Promise<Page<PublicUser>> {
    const role = q.role ? canonicalRole(q.role) : undefined;
    const { items, total } = await this.users.list({ role }, skipOf(q), q.limit);
    return pageOf(items, total, q);
  }
}

@Injectable()
export class RoleStatsUseCase {
  constructor(private readonly users: UserRepository) {}

  execute() {
    return this.users.countByRole();
  }
}

@Injectable()
export class GetUserUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(id: string): Promise<PublicUser> {
    const user = await this.users.findById(id);
    if (!user) throw IdentityErrors.userNotFound();
    return user;
  }
}

@Injectable()
export class UserAuditUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(id: string) {
    if (!(await this.users.findById(id, { includeDeleted: true }))) throw IdentityErrors.userNotFound();
    return this.users.auditOf(id);
  }
}

/** Admin creation: any role; without a password the user signs in by magic link. */
@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async execute(dto: CreateUserDto, actorId: string | null): Promise<PublicUser> {
    const { password, role, dateNaissance, ...rest } = dto;
    const user = await this.users.create({
      ...rest,
      role: toStoredRole(role),
      dateNaissance: dateNaissance ? new Date(dateNaissance) : undefined,
      passwordHash: password ? await this.hasher.hash(password) : undefined,
    });
    await this.users.writeAudit({
      actorId,
      action: 'user.created',
      targetId: user.id,
      changes: { role: { from: null, to: user.role } },
      at: this.clock.now(),
    });
    return user;
  }
}

/** Admin update; a change of role or email is written to the audit log (seed 10.3). */
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
    const after = await this.users.update(id, patch);
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

@Injectable()
export class DeleteUserUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, actorId: string): Promise<void> {
    const now = this.clock.now();
    if (!(await this.users.softDelete(id, actorId, now))) throw IdentityErrors.userNotFound();
    await this.users.writeAudit({ actorId, action: 'user.deleted', targetId: id, at: now });
  }
}
