import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
}

/**
 * A real SMTP server in the test process: the app's nodemailer delivers to it over TCP and
 * tests read what arrived. `stop()`/`start()` on the same port simulate an SMTP outage.
 */
export class SmtpCapture {
  readonly mails: CapturedMail[] = [];
  private server?: SMTPServer;
  private waiters: { match: (m: CapturedMail) => boolean; resolve: (m: CapturedMail) => void }[] = [];
  port = 0;

  async start(port = this.port): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const to = ([] as any[])
              .concat(parsed.to ?? [])
              .flatMap((a: any) => a.value.map((v: any) => String(v.address).toLowerCase()));
            const mail: CapturedMail = {
              to,
              from: parsed.from?.text ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
            };
            this.mails.push(mail);
            this.waiters = this.waiters.filter((w) => (w.match(mail) ? (w.resolve(mail), false) : true));
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Resolves with the first mail (already received or arriving within `timeoutMs`) matching. */
  waitFor(match: (m: CapturedMail) => boolean, timeoutMs = 120_000): Promise<CapturedMail> {
    const found = this.mails.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`aucun mail attendu reçu en ${timeoutMs} ms (reçus : ${this.mails.length})`)),
        timeoutMs,
      );
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  to(email: string): CapturedMail[] {
    return this.mails.filter((m) => m.to.includes(email.toLowerCase()));
  }
}
