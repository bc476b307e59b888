import { Clock } from '../libs/clock';
import { UserDirectory } from '../src/identity';
import { FakeClock } from './support/builders';
import { createUser, TestUser } from './support/auth';
import { SmtpCapture } from './support/smtp-capture';
import { startTestApp, TestApp } from './support/test-app';
import { until } from './support/wait';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const tokenFrom = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
let ipCounter = 0;
const freshIp = () => `10.2.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

describe('identity 1.1: sessions, passwords, invitations', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  const clock = new FakeClock();
  let admin: TestUser;

  beforeAll(async () => {
    smtp = await new SmtpCapture().start();
    t = await startTestApp({ SMTP_URL: smtp.url, TRUST_PROXY: 'true', BCRYPT_ROUNDS: '4' }, (b) =>
      b.overrideProvider(Clock).useValue(clock),
    );
    admin = await createUser(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });
  afterEach(() => clock.reset());

  const post = (path: string, body: object, bearer?: string) => {
    const req = t.http().post(`/api/v1${path}`).set('X-Forwarded-For', freshIp());
    return (bearer ? req.set('Authorization', bearer) : req).send(body);
  };
  const me = (accessToken: string) => t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${accessToken}`);
  const refresh = (refreshToken: string) => post('/auth/refresh', { refreshToken });
  const login = async (email: string, password = 'password-123') =>
    (await post('/auth/login', { email, password }).expect(200)).body as { accessToken: string; refreshToken: string };

  /** Both halves of a session are refused: the access token (401) and the refresh token (401 REFRESH_TOKEN_INVALID). */
  async function expectEnded(session: { accessToken: string; refreshToken: string }) {
    const access = await me(session.accessToken);
    expect(access.status).toBe(401);
    expect(access.body.code).toBe('SESSION_ENDED');
    const again = await refresh(session.refreshToken);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('REFRESH_TOKEN_INVALID');
  }

  async function mailTo(email: string, subject: RegExp, after = 0): Promise<string> {
    const mail = await smtp.waitFor(
      (m) => m.to.includes(email) && subject.test(m.subject) && smtp.to(email).indexOf(m) >= after,
    );
    return mail.text;
  }

  describe('refresh tokens', () => {
    it('sign-in answers a refresh token; a refresh answers new tokens, and each refresh token works once', async () => {
      const u = await createUser(t, 'student');
      const first = await login(u.email);
      expect(first.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const next = (await refresh(first.refreshToken).expect(200)).body;
      expect(next).toEqual(
        expect.objectContaining({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 }),
      );
      expect(next.refreshToken).not.toBe(first.refreshToken);
      await me(next.accessToken).expect(200);
      const third = (await refresh(next.refreshToken).expect(200)).body;
      await me(third.accessToken).expect(200);
    });

    it('stores refresh tokens hashed only', async () => {
      const u = await createUser(t, 'student');
      const s = await login(u.email);
      const rows = await t.connection.collection('refresh_tokens').find({}).toArray();
      expect(JSON.stringify(rows)).not.toContain(s.refreshToken);
      expect(rows.some((r) => /^[0-9a-f]{64}$/.test(String(r._id)))).toBe(true);
    });

    it('a refresh token used again after rotation ends the whole session: the new tokens stop working too', async () => {
      const u = await createUser(t, 'student');
      const first = await login(u.email);
      const rotated = (await refresh(first.refreshToken).expect(200)).body;
      const reuse = await refresh(first.refreshToken);
      expect(reuse.status).toBe(401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_INVALID');
      await expectEnded(rotated);
      // Other sessions of the same user go on.
      const other = await login(u.email);
      await me(other.accessToken).expect(200);
    });

    it('of twenty concurrent refreshes of one token, exactly one succeeds', async () => {
      const u = await createUser(t, 'student');
      const s = await login(u.email);
      const results = await Promise.all(Array.from({ length: 20 }, () => refresh(s.refreshToken)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 401 && r.body.code === 'REFRESH_TOKEN_INVALID')).toHaveLength(19);
    });

    it('refuses an unknown, a malformed and an expired refresh token', async () => {
      expect((await refresh('A'.repeat(43))).body.code).toBe('REFRESH_TOKEN_INVALID');
      const malformed = await post('/auth/refresh', { refreshToken: { $ne: null } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('VALIDATION_FAILED');
      const u = await createUser(t, 'student');
      const s = await login(u.email);
      clock.advance(15 * DAY_MS);
      const expired = await refresh(s.refreshToken);
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('REFRESH_TOKEN_INVALID');
    });

    it('logout ends that session (its access and refresh tokens), not the others', async () => {
      const u = await createUser(t, 'student');
      const a = await login(u.email);
      const b = await login(u.email);
      await post('/auth/logout', { refreshToken: a.refreshToken }, `Bearer ${a.accessToken}`).expect(204);
      await expectEnded(a);
      await me(b.accessToken).expect(200);
      await refresh(b.refreshToken).expect(200);
    });
  });

  describe('every session ends', () => {
    it('after a role change (access and refresh tokens of every session)', async () => {
      const u = await createUser(t, 'student');
      const a = await login(u.email);
      const b = await login(u.email);
      await t
        .http()
        .patch(`/api/v1/users/${u.id}`)
        .set('Authorization', admin.bearer)
        .send({ role: 'examiner' })
        .expect(200);
      await expectEnded(a);
      await expectEnded(b);
      expect((await me((await login(u.email)).accessToken).expect(200)).body.user.role).toBe('examiner');
    });

    it('but not after a profile change that keeps the role', async () => {
      const u = await createUser(t, 'student');
      const a = await login(u.email);
      await t
        .http()
        .patch(`/api/v1/users/${u.id}`)
        .set('Authorization', admin.bearer)
        .send({ role: 'etudiant', nom: 'Nouveau' })
        .expect(200);
      await me(a.accessToken).expect(200);
    });

    it('after a soft delete and after an RGPD erase', async () => {
      const deleted = await createUser(t, 'student');
      const d = await login(deleted.email);
      await t.http().delete(`/api/v1/users/${deleted.id}`).set('Authorization', admin.bearer).expect(204);
      expect((await me(d.accessToken)).status).toBe(401);
      expect((await refresh(d.refreshToken)).body.code).toBe('REFRESH_TOKEN_INVALID');

      const erased = await createUser(t, 'student');
      const e = await login(erased.email);
      await t.http().post(`/api/v1/admin/users/${erased.id}/erase`).set('Authorization', admin.bearer).expect(200);
      expect((await me(e.accessToken)).status).toBe(401);
      expect((await refresh(e.refreshToken)).body.code).toBe('REFRESH_TOKEN_INVALID');
    });
  });

  describe('password reset', () => {
    it('answers the same 202 {} for a known and an unknown email, and mails only the known one', async () => {
      const u = await createUser(t, 'student');
      const known = await post('/auth/password/forgot', { email: u.email.toUpperCase() });
      const unknown = await post('/auth/password/forgot', { email: `ghost-${Date.now()}@ecole.example` });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(known.body).toEqual({});
      expect(unknown.body).toEqual(known.body);
      expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
      const text = await mailTo(u.email, /mot de passe/i);
      expect(text).toContain(`${t.config.PUBLIC_WEB_URL}/mot-de-passe?token=`);
      expect(text).not.toMatch(/\/api\/v1/);
    });

    it('sets the new password, ends every session and answers a new one; the link works once', async () => {
      const u = await createUser(t, 'student');
      const a = await login(u.email);
      const b = await login(u.email);
      await post('/auth/password/forgot', { email: u.email }).expect(202);
      const token = tokenFrom(await mailTo(u.email, /mot de passe/i))!;
      const reset = await post('/auth/password/reset', { token, password: 'nouveau-secret-1' }).expect(200);
      expect(reset.body).toEqual(
        expect.objectContaining({ accessToken: expect.any(String), refreshToken: expect.any(String) }),
      );
      expect(reset.body.user.id).toBe(u.id);
      await expectEnded(a);
      await expectEnded(b);
      await me(reset.body.accessToken).expect(200);
      await refresh(reset.body.refreshToken).expect(200);
      expect((await post('/auth/login', { email: u.email, password: 'password-123' })).status).toBe(401);
      await login(u.email, 'nouveau-secret-1');

      const reused = await post('/auth/password/reset', { token, password: 'encore-autre-1' });
      expect(reused.status).toBe(401);
      expect(reused.body.code).toBe('PASSWORD_RESET_INVALID');
    });

    it('refuses a reset link after its hour, and a link that is not one', async () => {
      const u = await createUser(t, 'student');
      await post('/auth/password/forgot', { email: u.email }).expect(202);
      const token = tokenFrom(await mailTo(u.email, /mot de passe/i))!;
      clock.advance(61 * 60 * 1000);
      const expired = await post('/auth/password/reset', { token, password: 'nouveau-secret-1' });
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('PASSWORD_RESET_INVALID');
      const bogus = await post('/auth/password/reset', { token: `${u.id}${'A'.repeat(43)}`, password: 'x'.repeat(8) });
      expect(bogus.status).toBe(401);
      expect(bogus.body.code).toBe('PASSWORD_RESET_INVALID');
      const short = await post('/auth/password/reset', { token, password: 'court' });
      expect(short.status).toBe(400);
      expect(short.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('password change', () => {
    it('refuses a wrong current password (401 INVALID_CREDENTIALS) and a missing one (400)', async () => {
      const u = await createUser(t, 'student');
      const wrong = await t
        .http()
        .put('/api/v1/users/me/password')
        .set('Authorization', u.bearer)
        .send({ currentPassword: 'pas-le-bon', newPassword: 'nouveau-secret-1' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      const missing = await t
        .http()
        .put('/api/v1/users/me/password')
        .set('Authorization', u.bearer)
        .send({ newPassword: 'nouveau-secret-1' });
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      await login(u.email);
    });

    it('keeps the caller’s session and ends the others', async () => {
      const u = await createUser(t, 'student');
      const mine = await login(u.email);
      const other = await login(u.email);
      await t
        .http()
        .put('/api/v1/users/me/password')
        .set('Authorization', `Bearer ${mine.accessToken}`)
        .send({ currentPassword: 'password-123', newPassword: 'nouveau-secret-1' })
        .expect(204);
      await me(mine.accessToken).expect(200);
      await refresh(mine.refreshToken).expect(200);
      await expectEnded(other);
      await login(u.email, 'nouveau-secret-1');
    });
  });

  describe('invitations', () => {
    async function invited(): Promise<{ id: string; email: string; token: string }> {
      const email = `invite-${Date.now().toString(36)}-${++ipCounter}@ecole.example`;
      const res = await t
        .http()
        .post('/api/v1/users')
        .set('Authorization', admin.bearer)
        .send({ prenom: 'Inès', nom: 'Invitée', email, role: 'student' })
        .expect(201);
      const text = await mailTo(email, /invitation/i);
      expect(text).toContain(`${t.config.PUBLIC_WEB_URL}/invitation?token=`);
      expect(text).toMatch(/Bonjour Inès/);
      return { id: res.body.user.id, email, token: tokenFrom(text)! };
    }

    it('a user created without a password is invited; the link works once after 6 days, then 401 INVITATION_INVALID', async () => {
      const u = await invited();
      clock.advance(6 * DAY_MS);
      const accepted = await post('/auth/invitation/accept', { token: u.token, password: 'mon-secret-1' }).expect(200);
      expect(accepted.body).toEqual(
        expect.objectContaining({ accessToken: expect.any(String), refreshToken: expect.any(String) }),
      );
      expect(accepted.body.user.id).toBe(u.id);
      await me(accepted.body.accessToken).expect(200);
      const again = await post('/auth/invitation/accept', { token: u.token });
      expect(again.status).toBe(401);
      expect(again.body.code).toBe('INVITATION_INVALID');
      await login(u.email, 'mon-secret-1');
    });

    it('accepts without a password, and refuses an invitation after its 7 days', async () => {
      const u = await invited();
      await post('/auth/invitation/accept', { token: u.token }).expect(200);
      const late = await invited();
      clock.advance(8 * DAY_MS);
      const expired = await post('/auth/invitation/accept', { token: late.token });
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('INVITATION_INVALID');
    });

    it('a re-sent invitation replaces the previous link at once', async () => {
      const u = await invited();
      const before = smtp.to(u.email).length;
      await t
        .http()
        .post(`/api/v1/users/${u.id}/invitation`)
        .set('Authorization', admin.bearer)
        .send({})
        .expect(202)
        .expect((r) => expect(r.body).toEqual({}));
      const old = await post('/auth/invitation/accept', { token: u.token });
      expect(old.status).toBe(401);
      expect(old.body.code).toBe('INVITATION_INVALID');
      const fresh = tokenFrom(await mailTo(u.email, /invitation/i, before))!;
      expect(fresh).not.toBe(u.token);
      await post('/auth/invitation/accept', { token: fresh }).expect(200);
    });

    it('answers 404 for re-sending to an unknown user and 403 to a student', async () => {
      const missing = await t
        .http()
        .post('/api/v1/users/0123456789abcdef01234567/invitation')
        .set('Authorization', admin.bearer);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('USER_NOT_FOUND');
      const student = await createUser(t, 'student');
      const refused = await t
        .http()
        .post(`/api/v1/users/${student.id}/invitation`)
        .set('Authorization', student.bearer);
      expect(refused.status).toBe(403);
    });
  });

  describe('the user document under concurrent writers', () => {
    it('30 concurrent PATCH /users/me of different fields and concurrent tokensUsed writes: nothing lost', async () => {
      const u = await createUser(t, 'student');
      const directory = t.app.get(UserDirectory);
      // Every field a user may change on themself, each with the value its requests set.
      const FIELDS: [string, unknown, unknown][] = [
        ['prenom', 'Prénom-a', undefined],
        ['nom', 'Nom-b', undefined],
        ['numeroEtudiant', 'N-c', undefined],
        ['dateNaissance', '2004-05-06', '2004-05-06T00:00:00.000Z'],
        ['consentementRGPD', true, undefined],
        ['profilEtudiant.niveauFormation', 'M1', undefined],
        ['profilEtudiant.typeEtude', 'Informatique', undefined],
        ['profilEtudiant.groupId', 'G7', undefined],
        ['profilJury.niveauDiplome', 'Master', undefined],
        ['profilJury.posteOccupe', 'Ingénieure', undefined],
        ['profilJury.secteurActivite', 'Éducation', undefined],
        ['profilJury.anneesExperience', 12, undefined],
        ['profilJury.nombreETPEmployeur', 40, undefined],
        ['profilJury.expertises', [{ domaine: 'IA', niveauAutoEvaluation: 7 }], undefined],
      ];
      const bodyOf = ([path, value]: [string, unknown, unknown]) => {
        const [top, sub] = path.split('.');
        return sub ? { [top]: { [sub]: value } } : { [top]: value };
      };
      const patches = Array.from({ length: 30 }, (_, i) =>
        t
          .http()
          .patch('/api/v1/users/me')
          .set('Authorization', u.bearer)
          .send(bodyOf(FIELDS[i % FIELDS.length])),
      );
      const usage = Array.from({ length: 30 }, (_, i) => directory.recordTokensUsed(u.id, 100 * (i + 1)));
      const [responses] = await Promise.all([Promise.all(patches), Promise.all(usage)]);
      expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
      const user = (await me(u.token).expect(200)).body.user;
      for (const [path, value, shown] of FIELDS) {
        const [top, sub] = path.split('.');
        expect([path, sub ? user[top]?.[sub] : user[top]]).toEqual([path, shown ?? value]);
      }
      expect(user.tokensUsed).toBe(3000);
    });

    it('sign-ins racing a role change leave no session of the old role open', async () => {
      const u = await createUser(t, 'student');
      const racing = Array.from({ length: 10 }, () =>
        post('/auth/login', { email: u.email, password: 'password-123' }),
      );
      const change = t
        .http()
        .patch(`/api/v1/users/${u.id}`)
        .set('Authorization', admin.bearer)
        .send({ role: 'examiner' });
      const [changed, ...logins] = await Promise.all([change, ...racing]);
      expect(changed.status).toBe(200);
      // A session is either opened after the change (and sees the new role) or ended by it.
      for (const l of logins.filter((r) => r.status === 200)) {
        const res = await me(l.body.accessToken);
        if (res.status === 200) expect(res.body.user.role).toBe('examiner');
        else expect(res.body.code).toBe('SESSION_ENDED');
      }
      await until(async () => (await me((await login(u.email)).accessToken)).body.user.role === 'examiner', 'rôle');
    });
  });
});
