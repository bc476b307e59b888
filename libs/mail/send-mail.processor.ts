import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, MailJob } from '../queue';
import { Mailer } from './mailer';

/** The `mail/send-mail` job: one delivery attempt; a failure propagates so BullMQ retries. */
@Injectable()
@JobHandler('mail', 'send-mail')
export class SendMailProcessor implements HandlesJob<'mail', 'send-mail'> {
  constructor(private readonly mailer: Mailer) {}

  async handle(data: MailJob): Promise<{ messageId: string }> {
    return this.mailer.send({ to: data.to, subject: data.subject, text: data.text, html: data.html, kind: data.kind });
  }
}
