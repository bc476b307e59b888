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
   * Sets `tokensUsed` to a total the caller recomputes (from the usage ledger): idempotent,
   * unlike an `$inc`. The total is computed inside the user's lock, so the last writer saw
   * every settlement made before it (FerretDB also loses concurrent updates of a document).
   */
  refreshTokensUsed(userId: string, computeTotal: () => Promise<number>): Promise<void> {
    return this.lock.run(`user:${userId}`, async () => this.users.setTokensUsed(userId, await computeTotal()));
  }

  /**
   * Seed 11.2 maintenance: unsets expired magic links, each under the user's lock, and purges
   * "token used" markers older than `usesBefore`. Idempotent: a second run finds nothing.
   */
  async cleanupMagicLinks(now: Date, usesBefore: Date, onProgress?: (done: number) => Promise<void>): Promise<{ magicLinksCleared: number; magicLinkUsesPurged: number }> {
    let cleared = 0;
    let examined = 0;
    for (;;) {
      const ids = await this.users.findExpiredMagicLinkIds(now, 200);
      if (!ids.length) break;
      let batchCleared = 0;
      for (const id of ids) {
        if (await this.lock.run(`user:${id}`, () => this.users.clearExpiredMagicLink(id, now))) batchCleared++;
        examined++;
      }
      cleared += batchCleared;
      await onProgress?.(examined);
      if (ids.length < 200 || batchCleared === 0) break;
    }
    const purged = await this.users.purgeMagicLinkUsesBefore(usesBefore);
    return { magicLinksCleared: cleared, magicLinkUsesPurged: purged };
  }

  /** The ids among `ids` that belong to a user, deleted or not. */
  existingIds(ids: string[]): Promise<Set<string>> {
    return this.users.existingIds(ids);
  }

  /** Whether an account (even a deleted one) holds this email. */
  emailExists(email: string): Promise<boolean> {
    return this.users.emailExists(email.trim().toLowerCase());
  }
}
