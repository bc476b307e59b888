import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

/** One mail to send. It exists only in the process that sends it: mail jobs carry ids, never this. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the mail is for, for logs and tests (e.g. "sign-in-link"). */
  kind: string;
}

/** Port: sends one mail or throws (the mail job then retries with backoff). */
export abstract class Mailer {
  abstract send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/** Real delivery over SMTP (SMTP_URL). */
export class SmtpMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    const options: SMTPTransport.Options = {
      url: smtpUrl,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 10000,
    };
    this.transport = nodemailer.createTransport(options);
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
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
 * Runs without SMTP: each mail becomes an .eml file in the outbox folder. In development the
 * log also shows its text (which holds the sign-in link), so a developer can sign in; elsewhere
 * only the kind and the file are logged — never the link, never the address.
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
    private readonly showText = false,
  ) {
    super();
    this.dir = resolve(dir);
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = (await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    })) as { messageId: string; message: Buffer };
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.kind}.eml`);
    await writeFile(file, info.message);
    if (this.showText) {
      this.logger.log({ kind: mail.kind, file }, `mail écrit dans ${file} (pas de SMTP_URL) :\n${mail.text}`);
    } else {
      this.logger.log({ kind: mail.kind, file }, `mail « ${mail.kind} » écrit dans ${file} (pas de SMTP_URL)`);
    }
    return { messageId: info.messageId };
  }
}
