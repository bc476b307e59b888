import { Injectable } from '@nestjs/common';
import { UserRepository } from '../user.repository';

@Injectable()
export class RoleStatsUseCase {
  constructor(private readonly users: UserRepository) {}

  execute() {
    return this.users.countByRole();
  }
}
