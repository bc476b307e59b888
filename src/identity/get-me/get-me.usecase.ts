import { Injectable } from '@nestjs/common';
import { IdentityErrors } from '../identity.errors';
import { PublicUser, UserRepository } from '../user.repository';

@Injectable()
export class GetMeUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(userId: string): Promise<PublicUser> {
    const user = await this.users.findById(userId);
    if (!user) throw IdentityErrors.tokenInvalid();
    return user;
  }
}
