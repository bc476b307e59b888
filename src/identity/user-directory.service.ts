import { Injectable } from '@nestjs/common';
import { DocumentLock } from '../../libs/redis';
import { PublicUser, UserRepository } from './user.repository';

/** What other contexts may ask about users (they never read the users collection). */
@Injectable()
export class UserDirectory {
  constructor(
    private readonly users: UserRepository,
    private readonly lock: DocumentLock,
  ) {}

  findById(id: string): Promise<PublicUser | null> {
    return this.users.findById(id);
  }

  /** Several users by id (unknown or deleted ids are left out). */
  findManyByIds(ids: string[]): Promise<PublicUser[]> {
    return this.users.findManyByIds(ids);
  }

  /**
   * Sets `tokensUsed` to a total the caller recomputed (from the usage ledger): idempotent,
   * unlike an `$inc`, and written under the user's lock (FerretDB loses concurrent updates).
   */
  setTokensUsed(userId: string, total: number): Promise<void> {
    return this.lock.run(`user:${userId}`, () => this.users.setTokensUsed(userId, total));
  }
}
