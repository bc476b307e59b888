import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, UserMailJob } from '../../../libs/queue';
import { SendInvitationUseCase } from './send-invitation.usecase';

@Injectable()
@JobHandler('mail', 'send-invitation')
export class SendInvitationProcessor implements HandlesJob<'mail', 'send-invitation'> {
  constructor(private readonly sendInvitation: SendInvitationUseCase) {}

  handle(data: UserMailJob) {
    return this.sendInvitation.execute(data.userId);
  }
}
