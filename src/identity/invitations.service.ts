import { Injectable } from '@nestjs/common';
import { Clock } from '../../libs/clock';
import { JobQueue } from '../../libs/queue';
import { UserRepository } from './user.repository';

/** Who sends an invitation, and into which hackathon (the mail and the invitation page name them). */
export interface InvitationContext {
  /** The admin who invites (null for a command-line run). */
  invitedBy: string | null;
  /** The hackathon an import brings the user into; `undefined` keeps the previous invitation's (a re-send). */
  hackathon?: { id: string; nom: string } | null;
}

/**
 * Queues "send user X an invitation" (the worker makes the link). Any earlier invitation link
 * stops working now, not when the worker gets to the job, and the user document records who
 * invited when (the users list's `invitation`). Used by admin creation without a password, by
 * re-sending, and by the admin context's import. The job carries the user id only: names stay
 * out of Redis.
 */
@Injectable()
export class Invitations {
  constructor(
    private readonly users: UserRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async send(userId: string, context: InvitationContext): Promise<void> {
    await this.users.recordInvitation(userId, this.clock.now(), context.invitedBy, context.hackathon);
    await this.jobs.enqueue('mail', 'send-invitation', { userId });
  }
}
