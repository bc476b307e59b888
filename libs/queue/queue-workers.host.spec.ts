import { QueueWorkersHost } from './queue-workers.host';
import { JOB_HANDLER } from './job-handler.decorator';

class MailHandler {}
Reflect.defineMetadata(JOB_HANDLER, { queue: 'mail', name: 'send-grading-assignments' }, MailHandler);
class ReplyHandler {}
Reflect.defineMetadata(JOB_HANDLER, { queue: 'ai', name: 'generate-reply' }, ReplyHandler);

// The ai queue's other jobs: the sweeper, the checks' replays and the students' tries.
const aiJobs = ['sweep-turns', 'verify-submission', 'run-essai'].map((name) => {
  class AiHandler {}
  Reflect.defineMetadata(JOB_HANDLER, { queue: 'ai', name }, AiHandler);
  return { metatype: AiHandler, instance: new AiHandler() };
});

class AssignHandler {}
Reflect.defineMetadata(JOB_HANDLER, { queue: 'admin', name: 'assign-examiners' }, AssignHandler);
// The identity context's mails.
const identityMails = ['send-sign-in-link', 'send-invitation', 'send-password-reset'].map((name) => {
  class IdentityMailHandler {}
  Reflect.defineMetadata(JOB_HANDLER, { queue: 'mail', name }, IdentityMailHandler);
  return { metatype: IdentityMailHandler, instance: new IdentityMailHandler() };
});
// The admin context's jobs.
const adminJobs = [
  'cleanup-magic-links',
  'integrity-check',
  'archive-conversations',
  'import-users',
  'export-results',
  'export-conversations',
  'purge-analytics',
  'rerun-verifications',
].map((name) => {
  class AdminHandler {}
  Reflect.defineMetadata(JOB_HANDLER, { queue: 'admin', name }, AdminHandler);
  return { metatype: AdminHandler, instance: new AdminHandler() };
});

const discoveryOf = (providers: any[]) => ({ getProviders: () => providers }) as any;
// Reports, queues, schedules and clock are not used by what these specs look at.
const hostOf = (discovery: any, config: any) =>
  new QueueWorkersHost(discovery, {} as any, {} as any, {} as any, {} as any, config);

describe('QueueWorkersHost.collectHandlers', () => {
  const config = { APP_ROLE: 'all' } as any;

  it('finds the handler of every catalogue job', () => {
    const host = hostOf(
      discoveryOf([
        { metatype: MailHandler, instance: new MailHandler() },
        { metatype: ReplyHandler, instance: new ReplyHandler() },
        ...aiJobs,
        { metatype: AssignHandler, instance: new AssignHandler() },
        ...adminJobs,
        ...identityMails,
      ]),
      config,
    );
    expect([...host.collectHandlers().keys()].sort()).toEqual([
      'admin/archive-conversations',
      'admin/assign-examiners',
      'admin/cleanup-magic-links',
      'admin/export-conversations',
      'admin/export-results',
      'admin/import-users',
      'admin/integrity-check',
      'admin/purge-analytics',
      'admin/rerun-verifications',
      'ai/generate-reply',
      'ai/run-essai',
      'ai/sweep-turns',
      'ai/verify-submission',
      'mail/send-grading-assignments',
      'mail/send-invitation',
      'mail/send-password-reset',
      'mail/send-sign-in-link',
    ]);
  });

  it('refuses to start when a catalogue job has no processor', () => {
    const host = hostOf(discoveryOf([{ metatype: MailHandler, instance: new MailHandler() }]), config);
    expect(() => host.collectHandlers()).toThrow(
      /jobs sans processeur : ai\/generate-reply, ai\/sweep-turns, ai\/verify-submission, ai\/run-essai, mail\/send-sign-in-link, .*admin\/assign-examiners/,
    );
  });

  it('runs no worker in an api process', () => {
    expect(hostOf(discoveryOf([]), { APP_ROLE: 'api' } as any).enabled).toBe(false);
    expect(hostOf(discoveryOf([]), { APP_ROLE: 'worker' } as any).enabled).toBe(true);
  });
});
