import { Injectable } from '@nestjs/common';
import { Page, pageOf, skipOf } from '../../../libs/http';
import { AdminUserView } from '../admin-user-view';
import type { AdminUser } from '../identity.response';
import { canonicalRole } from '../roles';
import { UserRepository } from '../user.repository';
import { ListUsersQuery } from './list-users.dto';

/** The users, newest first, each with where their invitation stands (docs/api.md 1.2). */
@Injectable()
export class ListUsersUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly view: AdminUserView,
  ) {}

  async execute(q: ListUsersQuery): Promise<Page<AdminUser>> {
    const role = q.role ? canonicalRole(q.role) : undefined;
    const { items, total } = await this.users.list({ role }, skipOf(q), q.limit);
    return pageOf(
      items.map((u) => this.view.of(u)),
      total,
      q,
    );
  }
}
