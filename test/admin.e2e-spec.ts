import { QueueEvents } from 'bullmq';
import { Types } from 'mongoose';
import { bullPrefix, JobQueue } from '../libs/queue';
import { RedisService } from '../libs/redis';
import { RequestMagicLinkUseCase } from '../src/identity';
import {
  CLEANUP_EVERY_MS,
  CLEANUP_SCHEDULER_ID,
  CleanupMagicLinksSchedule,
} from '../src/admin/cleanup-magic-links/cleanup-magic-links.schedule';
import { ImportUsersUseCase } from '../src/admin/import-users/import-users.usecase';
import { createUser, TestUser } from './support/auth';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { SmtpCapture } from './support/smtp-capture';
import { openHackathonVia } from './support/full-stack';
import { startTestApp, TestApp } from './support/test-app';
import { until } from './support/wait';

const HEADER = 'prenom,nom,email,role,numeroEtudiant,groupId';
const DAY_MS = 24 * 3600 * 1000;

describe('admin jobs', () => {
  let llm: FakeLlm;
  let smtp: SmtpCapture;
  let t: TestApp;
  let events: QueueEvents;
  let admin: TestUser;
  let student: TestUser;
  let examiner: TestUser;
  /** Progress values published by BullMQ, per job id. */
  const progressOf = new Map<string, number[]>();

  const api = (method: 'get' | 'post', path: string, who?: TestUser) => {
    const req = (t.http() as any)[method](`/api/v1${path}`);
    return who ? req.set('Authorization', who.bearer) : req;
  };
  const db = (name: string) => t.connection.collection(name);

  async function startJob(name: string, body: unknown = {}): Promise<string> {
    const res = await api('post', `/admin/jobs/${name}`, admin).send(body as object);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ jobId: expect.stringMatching(/^[0-9a-f]{24}$/) });
    return res.body.jobId;
  }

  async function finished(jobId: string): Promise<any> {
    return until(async () => {
      const res = await api('get', `/admin/jobs/${jobId}`, admin).expect(200);
      return ['completed', 'failed'].includes(res.body.state) && res.body;
    }, `fin du job ${jobId}`);
  }

  async function run(name: string, body: unknown = {}): Promise<any> {
    const jobId = await startJob(name, body);
    const report = await finished(jobId);
    return { jobId, report };
  }

  /** Progress seen between 0 and 100, never going back, ending at 100 for a completed job. */
  function expectProgressWellFormed(jobId: string) {
    const seen = progressOf.get(jobId) ?? [];
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) expect(p >= 0 && p <= 100).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen[seen.length - 1]).toBe(100);
    expect(seen.some((p) => p < 100)).toBe(true);
  }

  async function adminQueueIdle() {
    const q = t.app.get(JobQueue).queue('admin');
    await until(async () => {
      const c = await q.getJobCounts('waiting', 'active', 'prioritized');
      return c.waiting + c.active + c.prioritized === 0;
    }, 'file admin au repos');
  }

  const openHackathon = () => openHackathonVia(api, admin);

  /** A conversation with one answered prompt, made through the real flow. */
  async function answeredConversation(who: TestUser, h: { id: string; tacheId: string }): Promise<string> {
    const res = await api('post', '/conversations', who).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201);
    const id = res.body.conversation.id as string;
    await api('post', `/conversations/${id}/messages`, who).send({ content: 'Bonjour, résume ce texte.' }).expect(202);
    await until(async () => {
      const c = (await api('get', `/conversations/${id}`, who).expect(200)).body.conversation;
      return c.messages.some((m: any) => m.role === 'assistant');
    }, 'réponse IA');
    return id;
  }

  beforeAll(async () => {
    llm = await startFakeLlm();
    smtp = await new SmtpCapture().start();
    t = await startTestApp({
      SMTP_URL: smtp.url,
      BCRYPT_ROUNDS: '4',
      AI_FAKE: 'true',
      OPENAI_BASE_URL: llm.openAiBaseUrl,
      MISTRAL_SERVER_URL: llm.mistralServerUrl,
      AI_TIMEOUT_MS: '5000',
      // The integrity check leaves reservations younger than this alone (they may be on their way).
      TURN_SWEEP_AFTER_MS: '1000',
    });
    events = new QueueEvents('admin', { connection: { url: t.config.REDIS_URL } as any, prefix: bullPrefix(t.config) });
    events.on('progress', ({ jobId, data }) => {
      const list = progressOf.get(jobId) ?? [];
      list.push(Number(data));
      progressOf.set(jobId, list);
    });
    await events.waitUntilReady();
    admin = await createUser(t, 'admin');
    student = await createUser(t, 'student');
    examiner = await createUser(t, 'examiner');
    // A scheduled cleanup may run at start; let it finish before tests arrange their data.
    await adminQueueIdle();
  });
  afterAll(async () => {
    await events?.close();
    await t?.close();
    await smtp?.stop();
    await llm?.close();
  });

  describe('framework', () => {
    it.each([
      ['post', '/admin/jobs/integrity-check'],
      ['get', `/admin/jobs/${new Types.ObjectId().toHexString()}`],
    ] as const)('answers 403 to a student and an examiner, 401 without a token (%s %s)', async (method, path) => {
      for (const who of [student, examiner]) {
        const res = await api(method, path, who).send({});
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect((await api(method, path).send({})).status).toBe(401);
    });

    it('answers 404 ADMIN_JOB_UNKNOWN to an unknown job name', async () => {
      const res = await api('post', '/admin/jobs/drop-database', admin).send({});
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ADMIN_JOB_UNKNOWN');
    });

    it('answers 404 ADMIN_JOB_NOT_FOUND to an unknown job id and 400 INVALID_ID to a malformed one', async () => {
      const missing = await api('get', `/admin/jobs/${new Types.ObjectId().toHexString()}`, admin);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('ADMIN_JOB_NOT_FOUND');
      const bad = await api('get', '/admin/jobs/not-an-id', admin);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_ID');
    });

    it.each([
      ['archive-conversations', {}],
      ['archive-conversations', { olderThanDays: 'beaucoup' }],
      ['archive-conversations', { olderThanDays: 0 }],
      ['archive-conversations', { olderThanDays: { $gt: 1 } }],
      ['archive-conversations', { olderThanDays: 10, extra: true }],
      ['integrity-check', { unexpected: 1 }],
      ['integrity-check', { dryRun: 'oui' }],
      ['import-users', { csv: 42 }],
    ])('refuses a bad body for %s (%p): 400 VALIDATION_FAILED, nothing queued', async (name, body) => {
      const res = await api('post', `/admin/jobs/${name}`, admin).send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('answers 202 {jobId}, then the report: state, progress 0–100, result, requester', async () => {
      const jobId = await startJob('integrity-check');
      const report = await finished(jobId);
      expect(report).toEqual(
        expect.objectContaining({
          id: jobId,
          name: 'integrity-check',
          state: 'completed',
          progress: 100,
          failedReason: null,
          requestedBy: admin.id,
          attempts: 1,
        }),
      );
      expect(report.result).toEqual(expect.objectContaining({ conversationsChecked: expect.any(Number) }));
      expectProgressWellFormed(jobId);
    });

    it('keeps the report when Redis no longer has the job', async () => {
      const { jobId } = await run('cleanup-magic-links');
      const q = t.app.get(JobQueue).queue('admin');
      await q.remove(jobId);
      expect(await q.getJob(jobId)).toBeUndefined();
      const res = await api('get', `/admin/jobs/${jobId}`, admin).expect(200);
      expect(res.body).toEqual(expect.objectContaining({ id: jobId, state: 'completed', progress: 100 }));
      expect(await db('job_reports').countDocuments({ _id: jobId as any })).toBe(1);
    });

    it('reports a job refused for good as failed with its reason', async () => {
      const { report } = await run('import-users', { csv: 'nom;prenom\nA;B\n' });
      expect(report.state).toBe('failed');
      expect(report.failedReason).toMatch(/^CSV_HEADER: En-tête illisible \(ligne 1\)/);
      expect(report.result).toBeNull();
    });
  });

  describe('cleanup-magic-links', () => {
    it('is scheduled every 10 minutes, once, however often workers start', async () => {
      const q = t.app.get(JobQueue).queue('admin');
      await t.app.get(CleanupMagicLinksSchedule).register();
      await t.app.get(CleanupMagicLinksSchedule).register();
      const schedulers = await q.getJobSchedulers();
      const ours = schedulers.filter((s) => s.key === CLEANUP_SCHEDULER_ID);
      expect(ours).toHaveLength(1);
      expect(ours[0]).toEqual(expect.objectContaining({ name: 'cleanup-magic-links', every: CLEANUP_EVERY_MS }));
    });

    it('unsets expired magic links, keeps fresh ones, purges used-token rows older than a day; a second run finds nothing', async () => {
      await adminQueueIdle();
      const expired = await createUser(t, 'student');
      const fresh = await createUser(t, 'student');
      const magic = t.app.get(RequestMagicLinkUseCase);
      await magic.execute(expired.email);
      await magic.execute(fresh.email);
      // The mail worker makes the links.
      for (const u of [expired, fresh])
        await until(
          async () => !!(await db('users').findOne({ _id: new Types.ObjectId(u.id) }))?.magicLink,
          'lien créé',
        );
      await db('users').updateOne(
        { _id: new Types.ObjectId(expired.id) },
        { $set: { 'magicLink.expiresAt': new Date(Date.now() - 60_000) } },
      );
      await db('magic_link_uses').insertMany([
        {
          tokenHash: `old-${expired.id}`,
          userId: new Types.ObjectId(expired.id),
          usedAt: new Date(Date.now() - 2 * DAY_MS),
        },
        {
          tokenHash: `recent-${expired.id}`,
          userId: new Types.ObjectId(expired.id),
          usedAt: new Date(Date.now() - 3600_000),
        },
      ]);

      const { jobId, report } = await run('cleanup-magic-links');
      expect(report.state).toBe('completed');
      expect(report.result).toEqual({
        magicLinksCleared: 1,
        magicLinkUsesPurged: 1,
        refreshTokensPurged: 0,
        idempotencyKeysPurged: 0,
      });
      expectProgressWellFormed(jobId);
      expect((await db('users').findOne({ _id: new Types.ObjectId(expired.id) }))!.magicLink).toBeUndefined();
      expect((await db('users').findOne({ _id: new Types.ObjectId(fresh.id) }))!.magicLink).toEqual(
        expect.objectContaining({ tokenHash: expect.any(String) }),
      );
      expect(await db('magic_link_uses').countDocuments({ tokenHash: `old-${expired.id}` })).toBe(0);
      expect(await db('magic_link_uses').countDocuments({ tokenHash: `recent-${expired.id}` })).toBe(1);

      const again = await run('cleanup-magic-links');
      expect(again.report.result).toEqual({
        magicLinksCleared: 0,
        magicLinkUsesPurged: 0,
        refreshTokensPurged: 0,
        idempotencyKeysPurged: 0,
      });
    });
  });

  describe('integrity-check and archive-conversations', () => {
    let h: { id: string; tacheId: string };
    let owner: TestUser;
    let healthy: string;
    let corrupted: string;

    beforeAll(async () => {
      h = await openHackathon();
      owner = await createUser(t, 'student');
      healthy = await answeredConversation(owner, h);
      corrupted = await answeredConversation(owner, h);
    });

    it('finds orphans, counters that disagree with messages and ledgers that disagree with counters', async () => {
      const before = await run('integrity-check');
      expect(before.report.result.messageCountMismatches.count).toBe(0);
      expect(before.report.result.totalTokensMismatches.count).toBe(0);
      expect(before.report.result.ledgerMismatches.count).toBe(0);

      await db('conversations').updateOne(
        { _id: new Types.ObjectId(corrupted) },
        { $inc: { messageCount: 3, totalTokens: 7 } },
      );
      const ghostStudent = new Types.ObjectId();
      const ghostHackathon = new Types.ObjectId();
      const base = {
        tacheId: h.tacheId,
        modelName: 'gpt-4',
        maxTokens: 100,
        temperature: 0.7,
        messages: [],
        messageCount: 0,
        totalTokens: 0,
        countsUsage: false,
        archived: false,
        createdAt: new Date(),
        updatedAt: new Date(),
      };
      const noStudent = await db('conversations').insertOne({
        ...base,
        hackathonId: new Types.ObjectId(h.id),
        studentId: ghostStudent,
      });
      const noHackathon = await db('conversations').insertOne({
        ...base,
        hackathonId: ghostHackathon,
        studentId: new Types.ObjectId(owner.id),
      });
      const evaluation = {
        examinerId: new Types.ObjectId(examiner.id),
        note: 7,
        comment: 'Un commentaire assez long',
        gradedAt: new Date(),
      };
      const orphanEval = await db('evaluations').insertOne({
        ...evaluation,
        conversationId: new Types.ObjectId(),
        studentId: new Types.ObjectId(owner.id),
      });
      const wrongStudentEval = await db('evaluations').insertOne({
        ...evaluation,
        conversationId: new Types.ObjectId(healthy),
        studentId: new Types.ObjectId(student.id),
      });
      await db('evaluations').insertOne({
        ...evaluation,
        examinerId: new Types.ObjectId(),
        conversationId: new Types.ObjectId(healthy),
        studentId: new Types.ObjectId(owner.id),
      });

      const { jobId, report } = await run('integrity-check', { dryRun: true });
      expect(report.state).toBe('completed');
      expectProgressWellFormed(jobId);
      const r = report.result;
      expect(r.dryRun).toBe(true);
      expect(r.repaired).toBeNull();
      expect(r.conversationsChecked).toBe(before.report.result.conversationsChecked + 2);
      expect(r.orphanConversationsStudent).toEqual({ count: 1, sampleIds: [String(noStudent.insertedId)] });
      expect(r.orphanConversationsHackathon).toEqual({ count: 1, sampleIds: [String(noHackathon.insertedId)] });
      expect(r.messageCountMismatches).toEqual({ count: 1, sampleIds: [corrupted] });
      expect(r.totalTokensMismatches).toEqual({ count: 1, sampleIds: [corrupted] });
      expect(r.ledgerMismatches).toEqual({ count: 1, sampleIds: [`${h.id}:${owner.id}`] });
      expect(r.evaluationsChecked).toBe(3);
      expect(r.orphanEvaluations).toEqual({ count: 1, sampleIds: [String(orphanEval.insertedId)] });
      expect(r.evaluationStudentMismatches).toEqual({ count: 1, sampleIds: [String(wrongStudentEval.insertedId)] });
      // A dry run changed nothing.
      const still = await db('conversations').findOne({ _id: new Types.ObjectId(corrupted) });
      const healthyDoc = await db('conversations').findOne({ _id: new Types.ObjectId(healthy) });
      expect(still?.messageCount).toBe(healthyDoc!.messageCount + 3);

      // Without dryRun it repairs the counters (and so the ledger agrees again); orphans stay a person's call.
      const repairing = await run('integrity-check');
      expect(repairing.report.result).toEqual(
        expect.objectContaining({
          dryRun: false,
          messageCountMismatches: { count: 1, sampleIds: [corrupted] },
          ledgerMismatches: { count: 1, sampleIds: [`${h.id}:${owner.id}`] },
          orphanConversationsStudent: { count: 1, sampleIds: [String(noStudent.insertedId)] },
          repaired: {
            conversationCounters: 1,
            reservationsSettled: 0,
            reservationsReleased: 0,
            ledgerMismatches: 1,
            counterMismatches: 0,
            tokensUsedMismatches: 0,
            countersBusy: 0,
          },
        }),
      );
      const again = (await run('integrity-check', { dryRun: true })).report.result;
      expect(again.messageCountMismatches.count).toBe(0);
      expect(again.totalTokensMismatches.count).toBe(0);
      expect(again.ledgerMismatches.count).toBe(0);
      expect(again.orphanConversationsStudent.count).toBe(1);

      // Leave the data as it was for the next tests.
      await db('conversations').deleteMany({ _id: { $in: [noStudent.insertedId, noHackathon.insertedId] } });
      await db('evaluations').deleteMany({});
    });

    it('repairs the quota record: a settlement lost from the ledger, a Redis charge with no ledger row, a tokensUsed too high', async () => {
      const redis = t.app.get(RedisService);
      const ledger = db('usage_ledger');
      const settle = await ledger.findOne({ studentId: new Types.ObjectId(owner.id), kind: 'settle' });
      expect(settle).not.toBeNull();
      const userBefore = await db('users').findOne({ _id: new Types.ObjectId(owner.id) });
      await ledger.deleteOne({ _id: settle!._id });
      await redis.client.hincrby(redis.key('quota', h.id, owner.id), 'prompts', 1);
      await redis.client.hincrby(redis.key('quota', h.id, owner.id), 'tokens', 130);
      await db('users').updateOne({ _id: new Types.ObjectId(owner.id) }, { $set: { tokensUsed: 99_999 } });

      const dry = (await run('integrity-check', { dryRun: true })).report.result;
      expect(dry.ledgerMismatches).toEqual({ count: 1, sampleIds: [`${h.id}:${owner.id}`] });
      expect(dry.counterMismatches).toEqual({ count: 1, sampleIds: [`${h.id}:${owner.id}`] });
      expect(dry.tokensUsedMismatches).toEqual({ count: 1, sampleIds: [owner.id] });

      const { report } = await run('integrity-check');
      expect(report.result.repaired).toEqual(
        expect.objectContaining({
          reservationsSettled: 1,
          reservationsReleased: 0,
          ledgerMismatches: 1,
          counterMismatches: 1,
          tokensUsedMismatches: 1,
          countersBusy: 0,
        }),
      );
      const after = (await run('integrity-check', { dryRun: true })).report.result;
      expect(after.ledgerMismatches.count).toBe(0);
      expect(after.counterMismatches.count).toBe(0);
      expect(after.tokensUsedMismatches.count).toBe(0);
      expect(await ledger.countDocuments({ reservationId: settle!.reservationId, kind: 'settle' })).toBe(1);
      expect((await db('users').findOne({ _id: new Types.ObjectId(owner.id) }))?.tokensUsed).toBe(
        userBefore!.tokensUsed,
      );
    });

    it('caps the sample at ten ids while counting them all', async () => {
      const base = {
        tacheId: h.tacheId,
        modelName: 'gpt-4',
        maxTokens: 100,
        temperature: 0.7,
        messages: [],
        messageCount: 0,
        totalTokens: 0,
        countsUsage: false,
        archived: false,
        createdAt: new Date(),
        updatedAt: new Date(),
      };
      const docs = Array.from({ length: 12 }, () => ({
        ...base,
        hackathonId: new Types.ObjectId(h.id),
        studentId: new Types.ObjectId(),
      }));
      await db('conversations').insertMany(docs);
      const { report } = await run('integrity-check');
      expect(report.result.orphanConversationsStudent.count).toBe(12);
      expect(report.result.orphanConversationsStudent.sampleIds).toHaveLength(10);
      await db('conversations').deleteMany({ _id: { $in: docs.map((d: any) => d._id) } });
    });

    it('archives conversations older than the cutoff: gone from the student listing, still readable by an admin; a rerun archives nothing', async () => {
      await db('conversations').updateOne(
        { _id: new Types.ObjectId(corrupted) },
        { $set: { createdAt: new Date(Date.now() - 200 * DAY_MS) } },
      );
      const mineBefore = (await api('get', `/conversations/mine?hackathonId=${h.id}`, owner).expect(200)).body;
      expect(mineBefore.items.map((c: any) => c.id).sort()).toEqual([healthy, corrupted].sort());

      const { jobId, report } = await run('archive-conversations', { olderThanDays: 180 });
      expect(report.state).toBe('completed');
      expect(report.result).toEqual({ olderThanDays: 180, before: expect.any(String), archived: 1 });
      expectProgressWellFormed(jobId);

      const mineAfter = (await api('get', `/conversations/mine?hackathonId=${h.id}`, owner).expect(200)).body;
      expect(mineAfter.items.map((c: any) => c.id)).toEqual([healthy]);
      expect(mineAfter.total).toBe(1);
      const seen = await api('get', `/conversations/${corrupted}`, admin).expect(200);
      expect(seen.body.conversation).toEqual(expect.objectContaining({ id: corrupted, archived: true }));
      expect(seen.body.conversation.messages.length).toBeGreaterThan(0);

      const again = await run('archive-conversations', { olderThanDays: 180 });
      expect(again.report.result.archived).toBe(0);
    });
  });

  describe('import-users', () => {
    /** Invitation jobs queued for the user of this email (jobs carry the user id only). */
    const mailJobsTo = async (email: string) => {
      const user = await db('users').findOne({ email });
      if (!user) return 0;
      const q = t.app.get(JobQueue).queue('mail');
      const jobs = await q.getJobs(['completed', 'waiting', 'active', 'delayed', 'failed', 'paused', 'prioritized']);
      return jobs.filter((j) => j?.name === 'send-invitation' && j.data?.userId === String(user._id)).length;
    };
    /** As the POST does: the CSV in `job_inputs`, the job naming it. */
    const storeCsv = (jobId: string, csv: string) =>
      db('job_inputs').insertOne({
        _id: jobId as any,
        text: Buffer.from(csv, 'utf8').toString('base64'),
        requestedBy: admin.id,
        createdAt: new Date(),
      });

    it('creates new users, skips existing emails, reports each rejected row with its line, and invites each new user once', async () => {
      const existing = await createUser(t, 'student');
      const tag = Date.now().toString(36);
      const ada = `ada.${tag}@ecole.example`;
      const alan = `alan.${tag}@ecole.example`;
      const csv = [
        '\ufeffprenom;nom;email;role;numeroEtudiant;groupId',
        `Ada;Lovelace;${ada.toUpperCase()};étudiant;E-001;G1`,
        `Alan;Turing;${alan};Examinateur;;`,
        `Déjà;Là;${existing.email};student;;`,
        'Bad;Email;pas-un-email;student;;',
        `Ada;Bis;${ada};student;;`,
        `Rôle;Inconnu;x.${tag}@ecole.example;pirate;;`,
        'Trop;Court',
        '',
      ].join('\r\n');

      const { jobId, report } = await run('import-users', { csv });
      expect(report.state).toBe('completed');
      expectProgressWellFormed(jobId);
      expect(report.result).toEqual({
        rows: 7,
        created: 2,
        skippedExisting: 1,
        invitationsSent: 2,
        existing: [{ line: 4, email: existing.email, reason: expect.stringMatching(/^un compte existe déjà/) }],
        existingSample: [existing.email],
        rejected: [
          { line: 5, email: 'pas-un-email', reason: 'email invalide : pas-un-email' },
          { line: 6, email: ada, reason: 'email en double dans le fichier (déjà ligne 2)' },
          { line: 7, email: `x.${tag}@ecole.example`, reason: 'rôle inconnu : pirate (élève, examinateur ou vide)' },
          { line: 8, email: null, reason: 'nombre de colonnes incorrect : 2 au lieu de 6' },
        ],
        separator: ';',
        columns: {
          prenom: 'prenom',
          nom: 'nom',
          email: 'email',
          role: 'role',
          numeroEtudiant: 'numeroEtudiant',
          groupId: 'groupId',
        },
        ignoredColumns: [],
      });

      const users = (await api('get', '/users?limit=100', admin).expect(200)).body.items;
      const created = users.filter((u: any) => [ada, alan].includes(u.email));
      expect(created).toHaveLength(2);
      expect(created.find((u: any) => u.email === ada)).toEqual(
        expect.objectContaining({
          prenom: 'Ada',
          nom: 'Lovelace',
          role: 'student',
          numeroEtudiant: 'E-001',
          profilEtudiant: expect.objectContaining({ groupId: 'G1' }),
        }),
      );
      expect(created.find((u: any) => u.email === alan).role).toBe('examiner');

      const invitation = await smtp.waitFor((m) => m.to.includes(ada));
      expect(invitation.text).toContain(`${t.config.PUBLIC_WEB_URL}/invitation?token=`);
      const token = /token=([A-Za-z0-9_-]+)/.exec(invitation.text)![1];
      const signIn = await api('post', '/auth/invitation/accept').send({ token });
      expect(signIn.status).toBe(200);
      expect(signIn.body.user.email).toBe(ada);
      await smtp.waitFor((m) => m.to.includes(alan));

      // Run the same file again: nothing new, no second invitation.
      const rerun = await run('import-users', { csv });
      expect(rerun.report.result).toEqual(
        expect.objectContaining({ created: 0, skippedExisting: 3, invitationsSent: 0 }),
      );
      expect(await db('users').countDocuments({ email: { $in: [ada, alan] } })).toBe(2);
      expect(await mailJobsTo(ada)).toBe(1);
      expect(await mailJobsTo(alan)).toBe(1);
      expect(await mailJobsTo(existing.email)).toBe(0);
    });

    it('a retry of the same job finishes what an earlier attempt left and does nothing twice', async () => {
      const tag = Date.now().toString(36);
      const grace = `grace.${tag}@ecole.example`;
      const linus = `linus.${tag}@ecole.example`;
      const csv = `${HEADER}\nGrace,Hopper,${grace},student,,\nLinus,Torvalds,${linus},student,,\n`;
      const jobId = new Types.ObjectId().toHexString();
      // As if attempt 1 died right after claiming Grace's email, before creating her.
      await db('import_invitations').insertOne({
        email: grace,
        jobId,
        userId: null,
        sentAt: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      const useCase = t.app.get(ImportUsersUseCase);
      const noProgress = async () => undefined;

      await storeCsv(jobId, csv);
      const first = await useCase.execute({ inputId: jobId, requestedBy: admin.id }, jobId, noProgress);
      expect(first).toEqual(
        expect.objectContaining({ created: 2, skippedExisting: 0, invitationsSent: 2, rejected: [] }),
      );
      await storeCsv(jobId, csv);
      const retry = await useCase.execute({ inputId: jobId, requestedBy: admin.id }, jobId, noProgress);
      expect(retry).toEqual(
        expect.objectContaining({ created: 2, skippedExisting: 0, invitationsSent: 0, rejected: [] }),
      );
      expect(await db('users').countDocuments({ email: { $in: [grace, linus] } })).toBe(2);
      expect(await mailJobsTo(grace)).toBe(1);
      expect(await mailJobsTo(linus)).toBe(1);
    });

    it.each([
      [
        'a header without an email column',
        `prenom,nom,adresse,role,numeroEtudiant,groupId\nA,B,a@ecole.example,student,,\n`,
        /^CSV_HEADER/,
      ],
      ['a binary file', 'PK\u0003\u0004\u0014\u0008binaire\u0001\u0002', /^CSV_NOT_TEXT/],
      ['an empty file', '\ufeff\n', /^CSV_EMPTY/],
    ])('fails the job for %s, importing nothing', async (_label, csv, reason) => {
      const usersBefore = await db('users').countDocuments({});
      const { report } = await run('import-users', { csv });
      expect(report.state).toBe('failed');
      expect(report.failedReason).toMatch(reason);
      expect(await db('users').countDocuments({})).toBe(usersBefore);
    });

    it('refuses a file holding NUL characters (a zip read as text) at once: 400 VALIDATION_FAILED, no job', async () => {
      const res = await api('post', '/admin/jobs/import-users', admin).send({
        csv: 'PK\u0003\u0004\u0000\u0000binaire',
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(/nul/);
      expect(res.body.details).toEqual([{ field: 'csv', messages: ['caractère nul interdit'] }]);
    });

    it('refuses a 5,001-row file as a whole: nothing imported, the job says why', async () => {
      const tag = Date.now().toString(36);
      const rows = Array.from({ length: 5001 }, (_, i) => `P${i},N${i},u${i}.${tag}@e.fr,student,,`);
      const { report } = await run('import-users', { csv: `${HEADER}\n${rows.join('\n')}\n` });
      expect(report.state).toBe('failed');
      expect(report.failedReason).toMatch(/^CSV_TOO_MANY_ROWS: Trop de lignes : 5001/);
      expect(await db('users').countDocuments({ email: { $regex: `\\.${tag}@e\\.fr$` } })).toBe(0);
    });

    it('refuses rows asking for the admin role or with unreadable names, and keeps the file out of Redis', async () => {
      const tag = Date.now().toString(36);
      const ok = `ok.${tag}@ecole.example`;
      const csv = [
        HEADER,
        `Ok,Élève,${ok},student,,`,
        `Chef,Admin,chef.${tag}@ecole.example,administrateur,,`,
        `Eve,\u202Eliam,rtl.${tag}@ecole.example,student,,`,
        `\u200B\u200D,Vide,zw.${tag}@ecole.example,student,,`,
        `Nul\u007F,Octet,nul.${tag}@ecole.example,student,,`,
      ].join('\n');
      const { jobId, report } = await run('import-users', { csv });
      expect(report.failedReason).toBeNull();
      expect(report.state).toBe('completed');
      expect(report.result.created).toBe(1);
      expect(report.result.rejected).toEqual([
        {
          line: 3,
          email: `chef.${tag}@ecole.example`,
          reason: 'rôle admin refusé : les administrateurs sont créés un par un',
        },
        {
          line: 4,
          email: `rtl.${tag}@ecole.example`,
          reason: 'prénom ou nom invalide : caractères de contrôle ou de direction du texte interdits',
        },
        {
          line: 5,
          email: `zw.${tag}@ecole.example`,
          reason: 'prénom ou nom invalide : ne contient aucun caractère visible',
        },
        {
          line: 6,
          email: `nul.${tag}@ecole.example`,
          reason: 'prénom ou nom invalide : caractères de contrôle ou de direction du texte interdits',
        },
      ]);
      expect(await db('users').countDocuments({ email: `chef.${tag}@ecole.example` })).toBe(0);
      // The job names the stored file; BullMQ keeps no row, no email, not even the result.
      const job = await t.app.get(JobQueue).getJob('admin', jobId);
      expect(Object.keys(job!.data).sort()).toEqual(['inputId', 'requestId', 'requestedBy']);
      // The result (rejected rows name people) lives in the MongoDB report only.
      expect(job!.returnvalue).toBeNull();
      expect(JSON.stringify(job)).not.toContain('@ecole.example');
      // And the file is gone once imported.
      expect(await db('job_inputs').countDocuments({ _id: jobId as any })).toBe(0);
    });

    it('answers 413 to a body over 1 MiB', async () => {
      const res = await api('post', '/admin/jobs/import-users', admin).send({
        csv: `${HEADER}\n${'x'.repeat(1_100_000)}`,
      });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });
});
