import { Types } from 'mongoose';
import { DatabaseEngine, IndexBuilder } from '../libs/database';
import { JobQueue } from '../libs/queue';
import { anOpenHackathonBody } from './support/builders';
import { anEvaluation } from './support/builders/evaluation.builder';
import {
  PURGE_ANALYTICS_EVERY_MS,
  PURGE_ANALYTICS_SCHEDULER_ID,
  PurgeAnalyticsSchedule,
} from '../src/admin/purge-analytics/purge-analytics.schedule';
import { createUser, TestUser } from './support/auth';
import { SmtpCapture } from './support/smtp-capture';
import { FullStack, startFullStack } from './support/full-stack';
import { TestApp } from './support/test-app';
import { until } from './support/wait';

const DAY_MS = 24 * 3600 * 1000;
const tokenFrom = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe('analytics events (docs/data-model.md §14.3) and the purge-analytics job', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let admin: TestUser;

  const api = (method: 'get' | 'post' | 'put', path: string, who?: TestUser) => {
    const req = (t.http() as any)[method](`/api/v1${path}`);
    return who ? req.set('Authorization', who.bearer) : req;
  };
  const events = () => t.connection.collection('analytics_events');

  let stack: FullStack;
  beforeAll(async () => {
    stack = await startFullStack();
    ({ t, smtp, admin } = stack);
  });
  afterAll(() => stack?.close());

  it('records sign-ins (password and magic link), conversations created, messages sent, final submissions and grades', async () => {
    const student = await createUser(t, 'student');
    const examiner = await createUser(t, 'examiner');
    await api('post', '/auth/login').send({ email: student.email, password: 'password-123' }).expect(200);
    await api('post', '/auth/login').send({ email: student.email, password: 'wrong-password' }).expect(401);
    await api('post', '/auth/magic-link').send({ email: examiner.email }).expect(202);
    const mail = await smtp.waitFor((m) => m.to.includes(examiner.email));
    await api('post', '/auth/magic-link/verify')
      .send({ token: tokenFrom(mail.text) })
      .expect(200);

    const h = (await api('post', '/hackathons', admin).send(anOpenHackathonBody()).expect(201)).body.hackathon;
    await api('post', `/hackathons/${h.id}/status`, admin).send({ statut: 'En cours' }).expect(200);
    const conv = (
      await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.taches[0].id }).expect(201)
    ).body.conversation.id as string;
    const sent = (
      await api('post', `/conversations/${conv}/messages`, student).send({ content: 'Un prompt' }).expect(202)
    ).body;
    const answer = await until(
      async () =>
        (await api('get', `/conversations/${conv}`, student).expect(200)).body.conversation.messages.find(
          (m: any) => m.role === 'assistant',
        ),
      'réponse',
    );
    await api('put', `/conversations/${conv}/final`, student)
      .send({ promptFinal: 'P', messageId: answer.id })
      .expect(200);
    await api('put', `/hackathons/${h.id}/examiners`, admin)
      .send({ examinerIds: [examiner.id] })
      .expect(200);
    const job = (
      await api('post', `/hackathons/${h.id}/assignments`, admin).send({ examinersPerSubmission: 1 }).expect(202)
    ).body.jobId;
    await until(
      async () =>
        (await api('get', `/hackathons/${h.id}/assignments/jobs/${job}`, admin).expect(200)).body.state === 'completed',
      'attribution',
    );
    const grade = (await api('post', '/evaluations', examiner).send(anEvaluation(conv).withNote(7).build()).expect(201))
      .body;

    const mine = (userId: string) =>
      events()
        .find({ userId: new Types.ObjectId(userId) }, { projection: { _id: 0 } })
        .sort({ timestamp: 1 })
        .toArray();
    const ofStudent = await until(async () => {
      const rows = await mine(student.id);
      return rows.length >= 4 && rows;
    }, 'événements de l’étudiant');
    const hid = new Types.ObjectId(h.id);
    expect(ofStudent).toEqual([
      {
        type: 'sign-in',
        userId: new Types.ObjectId(student.id),
        hackathonId: null,
        metadata: { method: 'password' },
        timestamp: expect.any(Date),
      },
      {
        type: 'conversation-created',
        userId: new Types.ObjectId(student.id),
        hackathonId: hid,
        metadata: { conversationId: conv, modelName: expect.any(String) },
        timestamp: expect.any(Date),
      },
      {
        type: 'message-sent',
        userId: new Types.ObjectId(student.id),
        hackathonId: hid,
        metadata: { conversationId: conv, messageId: sent.messageId },
        timestamp: expect.any(Date),
      },
      {
        type: 'final-submitted',
        userId: new Types.ObjectId(student.id),
        hackathonId: hid,
        metadata: { conversationId: conv },
        timestamp: expect.any(Date),
      },
    ]);
    const ofExaminer = await until(async () => {
      const rows = await mine(examiner.id);
      return rows.length >= 2 && rows;
    }, 'événements de l’examinateur');
    expect(ofExaminer).toEqual([
      {
        type: 'sign-in',
        userId: new Types.ObjectId(examiner.id),
        hackathonId: null,
        metadata: { method: 'magic-link' },
        timestamp: expect.any(Date),
      },
      {
        type: 'grade-given',
        userId: new Types.ObjectId(examiner.id),
        hackathonId: hid,
        metadata: { conversationId: conv, evaluationId: grade.evaluation.id, note: 7 },
        timestamp: expect.any(Date),
      },
    ]);
  });

  it('declares the 30-day TTL only where the engine supports it', async () => {
    const engine = t.app.get(DatabaseEngine);
    const report = t.app.get(IndexBuilder).lastReport;
    const ttl = 'analytics_events.timestamp_1';
    if (engine.supportsTtlAndTextIndexes) {
      expect(report.built).toContain(ttl);
      const indexes = await events().indexes();
      expect(indexes.find((i) => i.name === 'timestamp_1')).toEqual(
        expect.objectContaining({ expireAfterSeconds: 30 * 24 * 3600 }),
      );
    } else {
      expect(report.skipped).toContain(ttl);
    }
  });

  it('purge-analytics deletes events older than 30 days and keeps the others; a second run purges nothing', async () => {
    const now = Date.now();
    const marker = new Types.ObjectId();
    await events().insertMany([
      {
        type: 'sign-in',
        userId: marker,
        hackathonId: null,
        metadata: { age: 31 },
        timestamp: new Date(now - 31 * DAY_MS),
      },
      {
        type: 'message-sent',
        userId: marker,
        hackathonId: null,
        metadata: { age: 400 },
        timestamp: new Date(now - 400 * DAY_MS),
      },
      {
        type: 'sign-in',
        userId: marker,
        hackathonId: null,
        metadata: { age: 29 },
        timestamp: new Date(now - 29 * DAY_MS),
      },
    ]);
    const run = async () => {
      const res = await api('post', '/admin/jobs/purge-analytics', admin).send({});
      expect(res.status).toBe(202);
      return until(async () => {
        const r = (await api('get', `/admin/jobs/${res.body.jobId}`, admin).expect(200)).body;
        return ['completed', 'failed'].includes(r.state) && r;
      }, 'purge');
    };
    const first = await run();
    expect(first).toEqual(
      expect.objectContaining({ name: 'purge-analytics', state: 'completed', progress: 100, requestedBy: admin.id }),
    );
    expect(first.result).toEqual({ before: expect.any(String), purged: 2 });
    expect(Date.parse(first.result.before)).toBeGreaterThan(now - 30 * DAY_MS - 60_000);
    const left = await events().find({ userId: marker }).toArray();
    expect(left.map((e) => e.metadata.age)).toEqual([29]);
    const second = await run();
    expect(second.result.purged).toBe(0);
  });

  it('purge-analytics is scheduled daily, once, however often workers start', async () => {
    await t.app.get(PurgeAnalyticsSchedule).register();
    await t.app.get(PurgeAnalyticsSchedule).register();
    const schedulers = await t.app.get(JobQueue).queue('admin').getJobSchedulers();
    const ours = schedulers.filter((s) => s.key === PURGE_ANALYTICS_SCHEDULER_ID);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toEqual(expect.objectContaining({ name: 'purge-analytics', every: PURGE_ANALYTICS_EVERY_MS }));
  });

  it('purge-analytics: 403 for a student, 400 for a body with fields', async () => {
    const student = await createUser(t, 'student');
    const res = await api('post', '/admin/jobs/purge-analytics', student).send({});
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    const bad = await api('post', '/admin/jobs/purge-analytics', admin).send({ olderThanDays: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });
});
