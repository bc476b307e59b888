import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, UserMailJob } from '../../../libs/queue';
import { SendSignInLinkUseCase } from './send-sign-in-link.usecase';

@Injectable()
@JobHandler('mail', 'send-sign-in-link')
export class SendSignInLinkProcessor implements HandlesJob<'mail', 'send-sign-in-link'> {
  constructor(private readonly sendSignInLink: SendSignInLinkUseCase) {}

  handle(data: UserMailJob) {
    return this.sendSignInLink.execute(data.userId);
  }
}
