import jwt from 'jsonwebtoken';
import { Clock } from '../libs/clock';
import { JobQueue } from '../libs/queue';
import { RedisService } from '../libs/redis';
import { aRegistration, FakeClock } from './support/builders';
import { createUser, TestUser } from './support/auth';
import { SmtpCapture } from './support/smtp-capture';
import { startTestApp, TestApp } from './support/test-app';
import { commandEnvOf, runCommand } from './support/ts-command';

const SECRET = 'test-secret-that-is-long-enough-0123456789';
let ipCounter = 0;
/** Each test speaks from its own client IP (TRUST_PROXY on) so rate limits do not leak across tests. */
const freshIp = () => `10.1.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
const tokenFrom = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe('identity', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  const clock = new FakeClock();
  let admin: TestUser;
  let student: TestUser;

  beforeAll(async () => {
    smtp = await new SmtpCapture().start();
    t = await startTestApp(
      { SMTP_URL: smtp.url, TRUST_PROXY: 'true', BCRYPT_ROUNDS: '4', REGISTRATION_ENABLED: 'true' },
      (b) => b.overrideProvider(Clock).useValue(clock),
    );
    admin = await createUser(t, 'admin');
    student = await createUser(t, 'student');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });
  afterEach(() => clock.reset());

  const post = (path: string, body: unknown, ip = freshIp()) =>
    t
      .http()
      .post(`/api/v1${path}`)
      .set('X-Forwarded-For', ip)
      .send(body as object);

  describe('registration', () => {
    it('creates a student and never returns secrets', async () => {
      const body = aRegistration({ email: '  Marie.Curie@Ecole.example ' });
      const res = await post('/auth/register', body).expect(201);
      expect(res.body.user).toEqual(
        expect.objectContaining({
          email: 'marie.curie@ecole.example',
          role: 'student',
          consentementRGPD: true,
          tokensUsed: 0,
        }),
      );
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|magicLink|motdepasse/);
    });

    it('refuses the same email in another case or with spaces: 409 EMAIL_TAKEN', async () => {
      const body = aRegistration();
      await post('/auth/register', body).expect(201);
      const res = await post('/auth/register', { ...body, email: `  ${body.email.toUpperCase()}  ` });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('EMAIL_TAKEN');
      expect(res.body.message).toBe('email déjà utilisé');
    });

    it('lets exactly one of ten concurrent registrations of one email through', async () => {
      const body = aRegistration();
      const results = await Promise.all(Array.from({ length: 10 }, () => post('/auth/register', body)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409 && r.body.code === 'EMAIL_TAKEN')).toHaveLength(9);
    });

    it.each([
      ['an invalid email', { email: 'not-an-email' }],
      ['a short password', { password: 'short' }],
      ['missing consent', { consentementRGPD: undefined }],
      ['consent false', { consentementRGPD: false }],
      ['an unknown field (role: admin)', { role: 'admin' }],
      ['an object for the email', { email: { $ne: null } }],
    ])('answers %s with 400 VALIDATION_FAILED', async (_label, override) => {
      const res = await post('/auth/register', aRegistration(override));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(typeof res.body.message).toBe('string');
      expect(Array.isArray(res.body.details)).toBe(true);
    });
  });

  describe('password sign-in', () => {
    const registered = aRegistration();
    beforeAll(async () => {
      await post('/auth/register', registered).expect(201);
    });

    it('returns an access token and the user', async () => {
      const res = await post('/auth/login', {
        email: registered.email.toUpperCase(),
        password: registered.password,
      }).expect(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.user.email).toBe(registered.email);
      const me = await t
        .http()
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
      expect(me.body.user.email).toBe(registered.email);
    });

    it('answers a wrong password and an unknown email with the same 401 INVALID_CREDENTIALS', async () => {
      const wrong = await post('/auth/login', { email: registered.email, password: 'wrong-password' });
      const unknown = await post('/auth/login', { email: 'nobody@ecole.example', password: 'whatever-123' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    });

    it.each([
      ['{"$ne": null} as email', { email: { $ne: null }, password: 'x' }],
      ['an object as password', { email: 'a@b.example', password: { $gt: '' } }],
      ['an array as email', { email: ['a@b.example'], password: 'x' }],
    ])('answers %s with 400, never a sign-in', async (_label, body) => {
      const res = await post('/auth/login', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.accessToken).toBeUndefined();
    });

    it('limits sign-in to 5 attempts a minute per IP and email: 429 with Retry-After', async () => {
      const ip = freshIp();
      for (let i = 0; i < 5; i++)
        expect((await post('/auth/login', { email: registered.email, password: 'bad-password' }, ip)).status).toBe(401);
      const blocked = await post('/auth/login', { email: registered.email, password: registered.password }, ip);
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Another email from the same school IP is not blocked.
      expect((await post('/auth/login', { email: 'other@ecole.example', password: 'bad-password' }, ip)).status).toBe(
        401,
      );
    });
  });

  describe('access tokens', () => {
    const me = (auth: string) => t.http().get('/api/v1/auth/me').set('Authorization', auth);
    const sign = (payload: object, opts: jwt.SignOptions = {}, secret = SECRET) =>
      jwt.sign(payload, secret, {
        algorithm: 'HS256',
        issuer: 'prompt-challenge',
        audience: 'prompt-challenge-clients',
        ...opts,
      });

    it('answers a missing token with 401 UNAUTHORIZED', async () => {
      const res = await t.http().get('/api/v1/auth/me');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
    });

    it('answers an expired token with 401 TOKEN_EXPIRED', async () => {
      const res = await me(`Bearer ${sign({ sub: student.id, exp: Math.floor(Date.now() / 1000) - 10 })}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('TOKEN_EXPIRED');
    });

    it('answers a bad signature, alg none, a wrong audience with 401', async () => {
      const badSig = sign({ sub: student.id }, {}, 'another-secret-another-secret-xxxxx');
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const body = Buffer.from(
        JSON.stringify({
          sub: student.id,
          iss: 'prompt-challenge',
          aud: 'prompt-challenge-clients',
          exp: Math.floor(Date.now() / 1000) + 600,
        }),
      ).toString('base64url');
      const algNone = `${header}.${body}.`;
      const wrongAud = sign({ sub: student.id }, { audience: 'someone-else' });
      for (const token of [badSig, algNone, wrongAud]) {
        const res = await me(`Bearer ${token}`);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('TOKEN_INVALID');
      }
    });

    it('reads the role from the database: a demoted admin loses access at once (session ended, then 403)', async () => {
      const other = await createUser(t, 'admin');
      await t.http().get('/api/v1/users').set('Authorization', other.bearer).expect(200);
      await t
        .http()
        .patch(`/api/v1/users/${other.id}`)
        .set('Authorization', admin.bearer)
        .send({ role: 'student' })
        .expect(200);
      const res = await t.http().get('/api/v1/users').set('Authorization', other.bearer);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('SESSION_ENDED');
      const again = await post('/auth/login', { email: other.email, password: 'password-123' }).expect(200);
      const refused = await t.http().get('/api/v1/users').set('Authorization', `Bearer ${again.body.accessToken}`);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    });
  });

  describe('own profile', () => {
    it('updates profile fields', async () => {
      const res = await t
        .http()
        .patch('/api/v1/users/me')
        .set('Authorization', student.bearer)
        .send({ prenom: '  Ada ', profilEtudiant: { niveauFormation: 'M1', typeEtude: 'Informatique', groupId: 'G2' } })
        .expect(200);
      expect(res.body.user.prenom).toBe('Ada');
      expect(res.body.user.profilEtudiant).toEqual(expect.objectContaining({ niveauFormation: 'M1', groupId: 'G2' }));
    });

    it.each([
      ['role', { role: 'admin' }],
      ['tokensAuthorized', { tokensAuthorized: 999999 }],
      ['tokensUsed', { tokensUsed: 0 }],
      ['email', { email: 'x@y.example' }],
    ])('refuses %s with 400', async (_label, body) => {
      const res = await t.http().patch('/api/v1/users/me').set('Authorization', student.bearer).send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const me = await t.http().get('/api/v1/auth/me').set('Authorization', student.bearer).expect(200);
      expect(me.body.user.role).toBe('student');
    });

    it('lets a user with no role yet read /auth/me only', async () => {
      const pending = await createUser(t, '');
      const me = await t.http().get('/api/v1/auth/me').set('Authorization', pending.bearer).expect(200);
      expect(me.body.user.role).toBe('');
      const res = await t.http().patch('/api/v1/users/me').set('Authorization', pending.bearer).send({ prenom: 'X' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ROLE_PENDING');
    });
  });

  describe('user administration', () => {
    const asAdmin = (req: any) => req.set('Authorization', admin.bearer);

    it.each([
      ['GET', '/users'],
      ['GET', '/users/stats/roles'],
      ['POST', '/users'],
      ['GET', '/users/000000000000000000000001'],
      ['PATCH', '/users/000000000000000000000001'],
      ['DELETE', '/users/000000000000000000000001'],
    ])('refuses a student on %s %s with 403', async (method, path) => {
      const call = (t.http() as any)[method.toLowerCase()].bind(t.http());
      const res = await call(`/api/v1${path}`).set('Authorization', student.bearer).send({});
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it('creates users of any role from aliases and stores the canonical role', async () => {
      const res = await asAdmin(t.http().post('/api/v1/users'))
        .send({ prenom: 'Eva', nom: 'Jury', email: `jury-${Date.now()}@ecole.example`, role: 'Examinateurs' })
        .expect(201);
      expect(res.body.user.role).toBe('examiner');
      const raw = await t.connection.collection('users').findOne({ email: res.body.user.email });
      expect(raw!.role).toBe('examiner');
      expect(raw!.passwordHash).toBeUndefined();
    });

    it('refuses an unknown role with 400', async () => {
      const res = await asAdmin(t.http().post('/api/v1/users')).send({
        prenom: 'A',
        nom: 'B',
        email: 'x1@ecole.example',
        role: 'superuser',
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('lists users by role (aliases accepted), newest first, paginated', async () => {
      for (let i = 0; i < 3; i++) await createUser(t, 'examiner');
      const page1 = await asAdmin(t.http().get('/api/v1/users?role=EXAMINATEURS&page=1&limit=2')).expect(200);
      expect(page1.body).toEqual({ items: expect.any(Array), total: expect.any(Number), page: 1, limit: 2 });
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.total).toBeGreaterThanOrEqual(3);
      expect(page1.body.items.every((u: any) => u.role === 'examiner')).toBe(true);
      const [a, b] = page1.body.items;
      expect(new Date(a.createdAt).getTime()).toBeGreaterThanOrEqual(new Date(b.createdAt).getTime());
      expect(JSON.stringify(page1.body)).not.toMatch(/passwordHash|magicLink/);
    });

    it.each([['limit=0'], ['limit=101'], ['page=0'], ['role=wizard']])('refuses ?%s with 400', async (q) => {
      const res = await asAdmin(t.http().get(`/api/v1/users?${q}`));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('reads documents holding a role alias back canonical, and counts them under it', async () => {
      const { insertedId } = await t.connection.collection('users').insertOne({
        prenom: 'Old',
        nom: 'Data',
        email: `legacy-${Date.now()}@ecole.example`,
        role: 'etudiant',
        tokensUsed: 0,
        deletedAt: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      const res = await asAdmin(t.http().get(`/api/v1/users/${insertedId}`)).expect(200);
      expect(res.body.user.role).toBe('student');
      const stats = await asAdmin(t.http().get('/api/v1/users/stats/roles')).expect(200);
      const roles = stats.body.map((r: any) => r.role);
      expect(roles).not.toContain('etudiant');
      expect(new Set(roles).size).toBe(roles.length);
      const counts = stats.body.map((r: any) => r.count);
      expect([...counts].sort((x: number, y: number) => y - x)).toEqual(counts);
    });

    it('answers a malformed id with 400 INVALID_ID and an unknown one with 404 USER_NOT_FOUND', async () => {
      const bad = await asAdmin(t.http().get('/api/v1/users/not-an-id'));
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_ID');
      const missing = await asAdmin(t.http().get('/api/v1/users/0123456789abcdef01234567'));
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('USER_NOT_FOUND');
    });

    it('audits a change of role or email, and refuses an email already used', async () => {
      const u = await createUser(t, 'student');
      const other = await createUser(t, 'student');
      const taken = await asAdmin(t.http().patch(`/api/v1/users/${u.id}`)).send({ email: other.email.toUpperCase() });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('EMAIL_TAKEN');
      await asAdmin(t.http().patch(`/api/v1/users/${u.id}`))
        .send({ role: 'examinateur', tokensAuthorized: 5000, email: `new-${u.email}` })
        .expect(200);
      const audit = await asAdmin(t.http().get(`/api/v1/users/${u.id}/audit`)).expect(200);
      const update = audit.body.items.find((e: any) => e.action === 'user.updated');
      expect(update.actorId).toBe(admin.id);
      expect(update.changes.role).toEqual({ from: 'student', to: 'examiner' });
      expect(update.changes.email).toEqual({ from: u.email, to: `new-${u.email}` });
    });

    it('soft-deletes: 204, then no sign-in, no token, not found', async () => {
      const body = aRegistration();
      const reg = await post('/auth/register', body).expect(201);
      const login = await post('/auth/login', { email: body.email, password: body.password }).expect(200);
      await asAdmin(t.http().delete(`/api/v1/users/${reg.body.user.id}`)).expect(204);
      expect((await post('/auth/login', { email: body.email, password: body.password })).body.code).toBe(
        'INVALID_CREDENTIALS',
      );
      const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`);
      expect(me.status).toBe(401);
      expect((await asAdmin(t.http().get(`/api/v1/users/${reg.body.user.id}`))).status).toBe(404);
      const raw = await t.connection.collection('users').findOne({ email: body.email });
      expect(raw!.deletedAt).toBeInstanceOf(Date);
      expect(String(raw!.deletedBy)).toBe(admin.id);
    });
  });

  describe('magic link', () => {
    async function askLink(email: string, ip = freshIp()): Promise<string> {
      const before = smtp.to(email).length;
      await post('/auth/magic-link', { email }, ip).expect(202);
      const mail = await smtp.waitFor((m) => m.to.includes(email) && smtp.to(email).indexOf(m) >= before);
      const token = tokenFrom(mail.text);
      expect(token).toBeDefined();
      return token!;
    }

    it('round trip: 202, a mail with the link, one sign-in, then 401 MAGIC_LINK_INVALID on reuse', async () => {
      const u = await createUser(t, 'student');
      const res = await post('/auth/magic-link', { email: u.email.toUpperCase() });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({});
      const mail = await smtp.waitFor((m) => m.to.includes(u.email));
      expect(mail.subject).toMatch(/lien de connexion/i);
      // Written for a person: a link to the web client's page, the expiry in local time, no API path.
      expect(mail.text).toMatch(/^Bonjour Prénom,/);
      expect(mail.text).toContain(`${t.config.PUBLIC_WEB_URL}/connexion?token=`);
      expect(mail.text).toMatch(/jusqu’au \p{L}+ \d{1,2} \p{L}+ \d{4} à \d{2}:\d{2}/u);
      expect(mail.text).not.toMatch(/\/api\/|Jeton :|T\d{2}:\d{2}:\d{2}/);
      const token = tokenFrom(mail.text)!;
      const signedIn = await post('/auth/magic-link/verify', { token }).expect(200);
      expect(signedIn.body.user.id).toBe(u.id);
      await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${signedIn.body.accessToken}`).expect(200);
      const reused = await post('/auth/magic-link/verify', { token });
      expect(reused.status).toBe(401);
      expect(reused.body.code).toBe('MAGIC_LINK_INVALID');
    });

    it('stores only a hash of the token', async () => {
      const u = await createUser(t, 'student');
      const token = await askLink(u.email);
      const raw = await t.connection.collection('users').findOne({ email: u.email });
      expect(raw!.magicLink.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(raw)).not.toContain(token);
    });

    it('answers 202 for an unknown email and sends nothing', async () => {
      const res = await post('/auth/magic-link', { email: 'ghost@ecole.example' });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({});
      // A known user's mail, asked after, arrives; nothing ever went to the ghost.
      const u = await createUser(t, 'student');
      await askLink(u.email);
      expect(smtp.to('ghost@ecole.example')).toHaveLength(0);
    });

    it('refuses an unknown token and an expired one (11 minutes later) with 401 MAGIC_LINK_INVALID', async () => {
      const unknown = await post('/auth/magic-link/verify', { token: 'A'.repeat(43) });
      expect(unknown.status).toBe(401);
      expect(unknown.body.code).toBe('MAGIC_LINK_INVALID');
      const u = await createUser(t, 'student');
      const token = await askLink(u.email);
      clock.advance(11 * 60 * 1000);
      const expired = await post('/auth/magic-link/verify', { token });
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('MAGIC_LINK_INVALID');
    });

    it('accepts a token 9 minutes later', async () => {
      const u = await createUser(t, 'student');
      const token = await askLink(u.email);
      clock.advance(9 * 60 * 1000);
      await post('/auth/magic-link/verify', { token }).expect(200);
    });

    it('replaces the previous link with a new one', async () => {
      const u = await createUser(t, 'student');
      const first = await askLink(u.email);
      const second = await askLink(u.email);
      expect((await post('/auth/magic-link/verify', { token: first })).status).toBe(401);
      await post('/auth/magic-link/verify', { token: second }).expect(200);
    });

    it('lets exactly one of twenty concurrent verifications of one token succeed', async () => {
      const u = await createUser(t, 'student');
      const token = await askLink(u.email);
      const results = await Promise.all(Array.from({ length: 20 }, () => post('/auth/magic-link/verify', { token })));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 401 && r.body.code === 'MAGIC_LINK_INVALID')).toHaveLength(19);
    });

    it('limits requests to 3 per 15 minutes per email, whatever the IP: the 4th is 429 + Retry-After', async () => {
      const u = await createUser(t, 'student');
      for (let i = 0; i < 3; i++) await post('/auth/magic-link', { email: u.email }).expect(202);
      const res = await post('/auth/magic-link', { email: u.email });
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Another pupil of the same class is not blocked by it.
      const other = await createUser(t, 'student');
      await post('/auth/magic-link', { email: other.email }).expect(202);
    });

    it('limits one IP + email to 3 per 15 minutes too, and counts password resets apart', async () => {
      const u = await createUser(t, 'student');
      const ip = freshIp();
      for (let i = 0; i < 3; i++) await post('/auth/magic-link', { email: u.email }, ip).expect(202);
      expect((await post('/auth/magic-link', { email: u.email }, ip)).status).toBe(429);
      // One counter per kind: the same email may still ask for a reset link.
      await post('/auth/password/forgot', { email: u.email }, ip).expect(202);
    });

    it('keeps no email nor IP in clear in the throttler keys', async () => {
      const u = await createUser(t, 'student');
      await post('/auth/magic-link', { email: u.email }, '10.9.8.7').expect(202);
      const redis = t.app.get(RedisService).client;
      const keys = await redis.keys(`${t.config.REDIS_PREFIX}:throttle:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key).not.toContain(u.email);
        expect(key).not.toContain('10.9.8.7');
      }
    });

    it('lets a whole class behind one school IP ask: 300 emails from one IP, all 202', async () => {
      const ip = freshIp();
      const tag = Date.now().toString(36);
      const statuses: number[] = [];
      // Ten at a time, as a room of pupils would, well within 15 minutes.
      for (let i = 0; i < 300; i += 10) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, (_, j) =>
            post('/auth/magic-link', { email: `eleve-${tag}-${i + j}@ecole.example` }, ip),
          ),
        );
        statuses.push(...batch.map((r) => r.status));
      }
      expect(statuses.filter((s) => s === 202)).toHaveLength(300);
    });
  });
});

describe('identity: SMTP outage, closed registration, first admin', () => {
  it('retries a mail job with backoff while SMTP is down, shows the failure on the job, and delivers it once SMTP is back', async () => {
    const smtp = await new SmtpCapture().start();
    const port = smtp.port;
    await smtp.stop();
    const t = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      JOB_BACKOFF_BASE_MS: '400',
      BCRYPT_ROUNDS: '4',
    });
    try {
      // Registration is closed by default: schools create or import their users.
      const closed = await t.http().post('/api/v1/auth/register').send(aRegistration());
      expect(closed.status).toBe(403);
      expect(closed.body.code).toBe('REGISTRATION_DISABLED');

      const u = await createUser(t, 'student');
      await t.http().post('/api/v1/auth/magic-link').send({ email: u.email }).expect(202);
      const queue = t.app.get(JobQueue).queue('mail');
      let job;
      for (let i = 0; i < 100; i++) {
        [job] = await queue.getJobs(['delayed', 'waiting', 'active', 'failed', 'completed']);
        if (job && job.attemptsMade >= 1 && job.failedReason) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(job!.attemptsMade).toBeGreaterThanOrEqual(1);
      expect(job!.failedReason).toMatch(/ECONNREFUSED|connect/i);
      expect(await job!.getState()).toMatch(/delayed|waiting|active/);

      await smtp.start(port);
      const mail = await smtp.waitFor((m) => m.to.includes(u.email), 30000);
      expect(tokenFrom(mail.text)).toBeDefined();
      for (let i = 0; i < 50 && (await job!.getState()) !== 'completed'; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(await job!.getState()).toBe('completed');
      expect(smtp.to(u.email)).toHaveLength(1);
    } finally {
      await t.close();
      await smtp.stop();
    }
  });

  it('creates the first admin from the command line, who can then sign in', async () => {
    const t = await startTestApp({ BCRYPT_ROUNDS: '4' });
    try {
      const run = (args: string[]) =>
        runCommand('src/identity/create-admin/create-admin.command.ts', args, commandEnvOf(t, { BCRYPT_ROUNDS: '4' }));
      const bad = await run(['--email', 'not-an-email']);
      expect(bad.code).toBe(2);
      const ok = await run(['--email', 'Root@Ecole.example', '--password', 'root-password-1']);
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/admin créé/);
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'root@ecole.example', password: 'root-password-1' })
        .expect(200);
      expect(login.body.user.role).toBe('admin');
      await t.http().get('/api/v1/users').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    } finally {
      await t.close();
    }
  });
});
