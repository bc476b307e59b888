import { Injectable } from '@nestjs/common';
import { JobQueue } from '../../../libs/queue';
import { UserRepository } from '../user.repository';

/**
 * "Mot de passe oublié": an existing user gets a reset link (1 hour, once) made by the mail
 * worker; an unknown email gets nothing, and the answer is the same.
 */
@Injectable()
export class ForgotPasswordUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly jobs: JobQueue,
  ) {}

  async execute(email: string): Promise<void> {
    const user = await this.users.findActiveByEmail(email);
    if (!user) return;
    await this.jobs.enqueue('mail', 'send-password-reset', { userId: user.id });
  }
}
