import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, UserMailJob } from '../../../libs/queue';
import { SendPasswordResetUseCase } from './send-password-reset.usecase';

@Injectable()
@JobHandler('mail', 'send-password-reset')
export class SendPasswordResetProcessor implements HandlesJob<'mail', 'send-password-reset'> {
  constructor(private readonly sendPasswordReset: SendPasswordResetUseCase) {}

  handle(data: UserMailJob) {
    return this.sendPasswordReset.execute(data.userId);
  }
}
