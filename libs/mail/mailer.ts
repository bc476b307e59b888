import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type { MailJob } from '../queue/job-catalogue';

/** Port: sends one mail or throws (the mail job then retries with backoff). */
export abstract class Mailer {
  abstract send(mail: MailJob): Promise<{ messageId: string }>;
}

/** Real delivery over SMTP (SMTP_URL). */
export class SmtpMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    this.transport = nodemailer.createTransport(smtpUrl, {
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 10000,
    } as any);
  }

  async send(mail: MailJob): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    return { messageId: info.messageId };
  }
}

/**
 * Local runs without SMTP: each mail becomes an .eml file in the outbox folder, and its
 * text (which holds the magic link) is logged, so a developer can sign in.
 */
export class OutboxMailer extends Mailer {
  private readonly logger = new Logger('Outbox');
  private readonly transport: Transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  private readonly dir: string;

  constructor(
    dir: string,
    private readonly from: string,
  ) {
    super();
    this.dir = resolve(dir);
  }

  async send(mail: MailJob): Promise<{ messageId: string }> {
    const info: any = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.kind}.eml`);
    await writeFile(file, info.message as Buffer);
    this.logger.log(
      { to: mail.to, kind: mail.kind, file },
      `mail écrit dans ${file} (pas de SMTP_URL) :\n${mail.text}`,
    );
    return { messageId: info.messageId };
  }
}
