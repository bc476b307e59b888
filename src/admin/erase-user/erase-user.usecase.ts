import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { UserDirectory } from '../../identity';
import { AdminErrors } from '../admin.errors';

/**
 * RGPD erase: identity fields only. Conversations, messages, grades and comments keep their
 * content and ids, so a hackathon's statistics and ranking do not move. Erasing twice answers
 * 200 both times (`alreadyErased: true` the second time).
 */
@Injectable()
export class EraseUserUseCase {
  constructor(
    private readonly users: UserDirectory,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, by: string): Promise<{ id: string; erased: true; alreadyErased: boolean }> {
    const r = await this.users.erase(userId, by, this.clock.now());
    if (!r.found) throw AdminErrors.userNotFound();
    return { id: userId, erased: true, alreadyErased: r.alreadyErased };
  }
}
