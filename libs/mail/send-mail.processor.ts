import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, MailJob } from '../queue';
import { Mailer } from './mailer';

/**
 * The generic `mail/send-mail` job (a ready-made mail). Deprecated: its data holds an address
 * and a text, which DESIGN.md invariant 9 keeps out of Redis. Only the examiners' assignment
 * mail still uses it; new mails get their own job kind carrying ids, composed by the worker.
 */
@Injectable()
@JobHandler('mail', 'send-mail')
export class SendMailProcessor implements HandlesJob<'mail', 'send-mail'> {
  constructor(private readonly mailer: Mailer) {}

  /** Answers `{sent: true}` only: BullMQ keeps the return value in Redis, and a message id names a mail domain. */
  async handle(data: MailJob): Promise<{ sent: true }> {
    await this.mailer.send({ to: data.to, subject: data.subject, text: data.text, html: data.html, kind: data.kind });
    return { sent: true };
  }
}
