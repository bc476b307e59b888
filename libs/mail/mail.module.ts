import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/env.schema';
import { Mailer, OutboxMailer, SmtpMailer } from './mailer';

@Global()
@Module({
  providers: [
    {
      provide: Mailer,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.SMTP_URL
          ? new SmtpMailer(config.SMTP_URL, config.MAIL_FROM)
          : new OutboxMailer(config.MAIL_OUTBOX_DIR, config.MAIL_FROM, config.NODE_ENV === 'development'),
    },
  ],
  exports: [Mailer],
})
export class MailModule {}
