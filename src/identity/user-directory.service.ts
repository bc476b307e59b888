import { Injectable } from '@nestjs/common';
import { PublicUser, UserRepository } from './user.repository';

/** What other contexts may ask about users (they never read the users collection). */
@Injectable()
export class UserDirectory {
  constructor(private readonly users: UserRepository) {}

  findById(id: string): Promise<PublicUser | null> {
    return this.users.findById(id);
  }

  addTokensUsed(userId: string, tokens: number): Promise<void> {
    return this.users.addTokensUsed(userId, tokens);
  }
}
