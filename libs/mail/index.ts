export * from './mailer';
export * from './mail-layout';
export * from './mail.module';
