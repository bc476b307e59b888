import { Injectable } from '@nestjs/common';
import { JobQueue } from '../../../libs/queue';
import { UserRepository } from '../user.repository';

/**
 * docs/data-model.md §3.4. For an existing user: a queued "send user X a sign-in link" (the worker makes the
 * link, so no token ever sits in Redis). For an unknown email: nothing — the caller cannot
 * tell the difference.
 */
@Injectable()
export class RequestMagicLinkUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly jobs: JobQueue,
  ) {}

  async execute(email: string): Promise<void> {
    const user = await this.users.findActiveByEmail(email);
    if (!user) return;
    await this.jobs.enqueue('mail', 'send-sign-in-link', { userId: user.id });
  }
}
