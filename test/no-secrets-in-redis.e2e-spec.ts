import type Redis from 'ioredis';
import { JobQueue } from '../libs/queue';
import { RedisService } from '../libs/redis';
import { createUser, TestUser } from './support/auth';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { fakeLlmEnv, openHackathonVia, submitFinalVia } from './support/full-stack';
import { SmtpCapture } from './support/smtp-capture';
import { startTestApp, TestApp } from './support/test-app';
import { until } from './support/wait';

const tokenFrom = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)![1];

/** Every value stored under `prefix`, whatever the key's type, with the key names themselves. */
async function everythingUnder(redis: Redis, prefix: string): Promise<{ keys: string[]; values: string[] }> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  const values: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    if (type === 'string') values.push((await redis.get(key)) ?? '');
    else if (type === 'hash') values.push(...Object.entries(await redis.hgetall(key)).flat());
    else if (type === 'list') values.push(...(await redis.lrange(key, 0, -1)));
    else if (type === 'set') values.push(...(await redis.smembers(key)));
    else if (type === 'zset') values.push(...(await redis.zrange(key, 0, -1)));
    else if (type === 'stream')
      values.push(...(await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]));
    else if (type !== 'none') throw new Error(`type de clé non lu : ${type} (${key})`);
  }
  return { keys, values };
}

/** Waits until every job of the mail queue has run (their data and results stay in Redis for a day). */
async function mailQueueDrained(t: TestApp): Promise<number> {
  const mail = t.app.get(JobQueue).queue('mail');
  await until(async () => {
    const c = await mail.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return c.waiting + c.active + c.delayed + c.prioritized === 0;
  }, 'file mail vide');
  return (await mail.getJobCounts('completed')).completed;
}

/**
 * docs/architecture.md invariant 9: after a full flow — sign-in link, invitation,
 * password reset, refresh, import, grading assignments — no token and no email is anywhere in
 * Redis (job data, job results, throttler keys, stream tickets, locks...).
 */
describe('no secret and no personal data in Redis', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let llm: FakeLlm;

  beforeAll(async () => {
    llm = await startFakeLlm();
    smtp = await new SmtpCapture().start();
    t = await startTestApp({ ...fakeLlmEnv(llm), SMTP_URL: smtp.url, BCRYPT_ROUNDS: '4' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await llm?.close();
  });

  it('finds none of the flow’s tokens nor emails under the Redis prefix', async () => {
    const secrets: string[] = [];
    const emails: string[] = [];
    const api = () => t.http();
    const mailTo = async (email: string, after = 0) =>
      (await smtp.waitFor((m) => m.to.includes(email) && smtp.to(email).indexOf(m) >= after)).text;

    const admin = await createUser(t, 'admin');
    const student = await createUser(t, 'student');
    emails.push(admin.email, student.email);
    secrets.push(admin.token, admin.refreshToken, student.token, student.refreshToken);

    // Sign-in link, then refresh.
    await api().post('/api/v1/auth/magic-link').send({ email: student.email }).expect(202);
    const signInToken = tokenFrom(await mailTo(student.email));
    const signedIn = (await api().post('/api/v1/auth/magic-link/verify').send({ token: signInToken }).expect(200)).body;
    const refreshed = (
      await api().post('/api/v1/auth/refresh').send({ refreshToken: signedIn.refreshToken }).expect(200)
    ).body;
    secrets.push(
      signInToken,
      signedIn.accessToken,
      signedIn.refreshToken,
      refreshed.accessToken,
      refreshed.refreshToken,
    );

    // Invitation of a user created without a password.
    const invitee = `invitee-${Date.now().toString(36)}@ecole.example`;
    emails.push(invitee);
    await api()
      .post('/api/v1/users')
      .set('Authorization', admin.bearer)
      .send({ prenom: 'Iris', nom: 'Invitée', email: invitee, role: 'examiner' })
      .expect(201);
    const invitation = tokenFrom(await mailTo(invitee));
    const accepted = (
      await api()
        .post('/api/v1/auth/invitation/accept')
        .send({ token: invitation, password: 'mon-secret-1' })
        .expect(200)
    ).body;
    secrets.push(invitation, accepted.accessToken, accepted.refreshToken);

    // Password reset.
    const before = smtp.to(student.email).length;
    await api().post('/api/v1/auth/password/forgot').send({ email: student.email }).expect(202);
    const reset = tokenFrom(await mailTo(student.email, before));
    const afterReset = (
      await api().post('/api/v1/auth/password/reset').send({ token: reset, password: 'nouveau-secret-1' }).expect(200)
    ).body;
    secrets.push(reset, afterReset.accessToken, afterReset.refreshToken);

    // Import: two users, two invitations.
    const tag = Date.now().toString(36);
    const imported = [`ada.${tag}@ecole.example`, `alan.${tag}@ecole.example`];
    emails.push(...imported);
    const csv = `prenom,nom,email,role,numeroEtudiant,groupId\nAda,Lovelace,${imported[0]},student,E-1,G1\nAlan,Turing,${imported[1]},examiner,,\n`;
    const { jobId } = (
      await api().post('/api/v1/admin/jobs/import-users').set('Authorization', admin.bearer).send({ csv })
    ).body;
    await until(async () => {
      const r = (await api().get(`/api/v1/admin/jobs/${jobId}`).set('Authorization', admin.bearer)).body;
      return r.state === 'completed' && r;
    }, 'import terminé');
    for (const email of imported) secrets.push(tokenFrom(await mailTo(email)));

    expect(await mailQueueDrained(t)).toBeGreaterThanOrEqual(5);

    const { keys, values } = await everythingUnder(t.app.get(RedisService).client, t.config.REDIS_PREFIX);
    expect(keys.length).toBeGreaterThan(10);
    const haystack = [...keys, ...values];
    // The scan does read the jobs: they name the users by id.
    expect(haystack.some((v) => v.includes(student.id))).toBe(true);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(20);
      expect(haystack.filter((v) => v.includes(secret))).toEqual([]);
    }
    for (const email of emails) expect(haystack.filter((v) => v.toLowerCase().includes(email))).toEqual([]);
    // Nor any other address, nor a CSV row.
    expect(haystack.filter((v) => /[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.[a-z]{2,}/.test(v))).toEqual([]);
    expect(haystack.filter((v) => v.includes('Lovelace'))).toEqual([]);
  });

  it('finds no email and no name after an assignments run and its mails to the examiners', async () => {
    const api = (method: 'get' | 'post' | 'put', path: string, who: TestUser) =>
      (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
    const admin = await createUser(t, 'admin');
    const students = [
      await createUser(t, 'student', { prenom: 'Clothilde', nom: 'Soumetteuse' }),
      await createUser(t, 'student', { prenom: 'Anatole', nom: 'Redacteur' }),
    ];
    const examiners = [
      await createUser(t, 'examiner', { prenom: 'Gertrude', nom: 'Correctrice' }),
      await createUser(t, 'examiner', { prenom: 'Barnabé', nom: 'Notateur' }),
    ];
    const h = await openHackathonVia(api, admin);
    for (const student of students) {
      const id = (
        await api('post', '/conversations', student).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)
      ).body.conversation.id as string;
      await submitFinalVia(api, student, id, `Prompt final de ${id}`);
    }
    await api('put', `/hackathons/${h.id}/examiners`, admin)
      .send({ examinerIds: examiners.map((e) => e.id) })
      .expect(200);
    const { jobId } = (
      await api('post', `/hackathons/${h.id}/assignments`, admin).send({ examinersPerSubmission: 2 }).expect(202)
    ).body;
    const job = await until(async () => {
      const r = (await api('get', `/admin/jobs/${jobId}`, admin).expect(200)).body;
      return r.state === 'completed' && r;
    }, 'attributions terminées');
    expect(job.result).toEqual(expect.objectContaining({ created: 4, mails: 2 }));
    // The mails did leave, with what Redis must not hold.
    for (const [e, prenom] of [
      [examiners[0], 'Gertrude'],
      [examiners[1], 'Barnabé'],
    ] as [TestUser, string][]) {
      const mail = await smtp.waitFor((m) => m.to.includes(e.email) && m.subject.includes(h.nom));
      expect(mail.text).toContain(`Bonjour ${prenom},`);
      expect(mail.text).toContain('Clothilde Soumetteuse');
      expect(mail.text).toContain(`${t.config.PUBLIC_WEB_URL.replace(/\/+$/, '')}/examinateur`);
      expect(mail.text).not.toContain('/api/');
    }
    await mailQueueDrained(t);

    const { keys, values } = await everythingUnder(t.app.get(RedisService).client, t.config.REDIS_PREFIX);
    const haystack = [...keys, ...values];
    // The scan does read the mail jobs: they name the examiner, the hackathon and the run by id.
    for (const e of examiners) expect(haystack.some((v) => v.includes(e.id) && v.includes(jobId))).toBe(true);
    for (const u of [admin, ...students, ...examiners])
      expect(haystack.filter((v) => v.toLowerCase().includes(u.email))).toEqual([]);
    expect(haystack.filter((v) => /[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.[a-z]{2,}/.test(v))).toEqual([]);
    for (const name of [
      'Clothilde',
      'Soumetteuse',
      'Anatole',
      'Redacteur',
      'Gertrude',
      'Correctrice',
      'Barnabé',
      'Notateur',
    ])
      expect(haystack.filter((v) => v.includes(name))).toEqual([]);
  });
});
