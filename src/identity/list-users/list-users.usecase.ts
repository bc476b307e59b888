import { Injectable } from '@nestjs/common';
import { Page, pageOf, skipOf } from '../../../libs/http';
import { canonicalRole } from '../roles';
import { PublicUser, UserRepository } from '../user.repository';
import { ListUsersQuery } from './list-users.dto';

@Injectable()
export class ListUsersUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(q: ListUsersQuery): Promise<Page<PublicUser>> {
    const role = q.role ? canonicalRole(q.role) : undefined;
    const { items, total } = await this.users.list({ role }, skipOf(q), q.limit);
    return pageOf(items, total, q);
  }
}
