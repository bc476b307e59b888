import { Injectable } from '@nestjs/common';
import { IdentityErrors } from '../identity.errors';
import { PublicUser, UserRepository } from '../user.repository';

@Injectable()
export class GetUserUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(id: string): Promise<PublicUser> {
    const user = await this.users.findById(id);
    if (!user) throw IdentityErrors.userNotFound();
    return user;
  }
}
