import { Injectable } from '@nestjs/common';
import { JobQueue } from '../../libs/queue';
import { UserRepository } from './user.repository';

/**
 * Queues "send user X an invitation" (the worker makes the link). Any earlier invitation link
 * stops working now, not when the worker gets to the job. Used by admin creation without a
 * password, by re-sending, and by the admin context's import.
 */
@Injectable()
export class Invitations {
  constructor(
    private readonly users: UserRepository,
    private readonly jobs: JobQueue,
  ) {}

  async send(userId: string): Promise<void> {
    await this.users.clearLink('invitation', userId);
    await this.jobs.enqueue('mail', 'send-invitation', { userId });
  }
}
