import { Injectable } from '@nestjs/common';
import { IdentityErrors } from '../identity.errors';
import { UserRepository } from '../user.repository';

@Injectable()
export class UserAuditUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(id: string) {
    if (!(await this.users.findById(id, { includeDeleted: true }))) throw IdentityErrors.userNotFound();
    return this.users.auditOf(id);
  }
}
