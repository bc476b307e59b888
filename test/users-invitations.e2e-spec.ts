import { randomBytes } from 'node:crypto';
import { Clock } from '../libs/clock';
import { FakeClock } from './support/builders';
import { createUser, TestUser } from './support/auth';
import { SmtpCapture } from './support/smtp-capture';
import { startTestApp, TestApp } from './support/test-app';

const DAY_MS = 24 * 3600 * 1000;
const tokenFrom = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
let ipCounter = 0;
const freshIp = () => `10.7.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

/**
 * docs/api.md 1.2 "Invitations" and "Self changes": the users list says who accepted their
 * invitation; the invitation and reset pages can check a link without using it; an admin
 * cannot change their own role nor delete or erase themselves.
 */
describe('users: invitation states, link checks, self changes', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  const clock = new FakeClock();
  let admin: TestUser;
  let n = 0;

  beforeAll(async () => {
    smtp = await new SmtpCapture().start();
    t = await startTestApp({ SMTP_URL: smtp.url, TRUST_PROXY: 'true', BCRYPT_ROUNDS: '4' }, (b) =>
      b.overrideProvider(Clock).useValue(clock),
    );
    admin = await createUser(t, 'admin', { prenom: 'Claire', nom: 'Enseignante' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });
  afterEach(() => clock.reset());

  const api = (method: 'get' | 'post' | 'patch' | 'delete', path: string, who?: TestUser) => {
    const req = (t.http() as any)[method](`/api/v1${path}`).set('X-Forwarded-For', freshIp());
    return who ? req.set('Authorization', who.bearer) : req;
  };
  const userRow = async (id: string) => {
    const items = (await api('get', '/users?limit=100', admin).expect(200)).body.items as any[];
    return items.find((u) => u.id === id);
  };

  /** A user the admin creates without a password, and the link of the invitation mail. */
  async function invited(): Promise<{ id: string; email: string; token: string; sentAfter: number }> {
    const email = `invitee-${++n}-${randomBytes(3).toString('hex')}@ecole.example`;
    const sentAfter = clock.now().getTime();
    const res = await api('post', '/users', admin)
      .send({ prenom: 'Inès', nom: `Invitée${n}`, email, role: 'student' })
      .expect(201);
    const mail = await smtp.waitFor((m) => m.to.includes(email) && /invitation/i.test(m.subject));
    return { id: res.body.user.id, email, token: tokenFrom(mail.text)!, sentAfter };
  }

  describe('invitation state in GET /users and GET /users/:id', () => {
    it('is null for a user created with a password', async () => {
      const u = await createUser(t, 'student');
      expect((await userRow(u.id)).invitation).toBeNull();
      expect((await api('get', `/users/${u.id}`, admin).expect(200)).body.user.invitation).toBeNull();
    });

    it('is en_attente once sent, with when it was sent and when it ends', async () => {
      const u = await invited();
      const row = await userRow(u.id);
      expect(row.invitation).toEqual({
        statut: 'en_attente',
        envoyeeLe: expect.any(String),
        accepteeLe: null,
        expireLe: expect.any(String),
      });
      expect(Date.parse(row.invitation.envoyeeLe)).toBeGreaterThanOrEqual(u.sentAfter - 1000);
      // INVITATION_TTL_HOURS defaults to 7 days.
      expect(Date.parse(row.invitation.expireLe) - Date.parse(row.invitation.envoyeeLe)).toBeGreaterThan(6.9 * DAY_MS);
      expect((await api('get', `/users/${u.id}`, admin).expect(200)).body.user.invitation).toEqual(row.invitation);
    });

    it('is acceptee once the invitation link is used', async () => {
      const u = await invited();
      await api('post', '/auth/invitation/accept').send({ token: u.token, password: 'mon-secret-1' }).expect(200);
      const { invitation } = (await api('get', `/users/${u.id}`, admin).expect(200)).body.user;
      expect(invitation).toEqual(
        expect.objectContaining({ statut: 'acceptee', accepteeLe: expect.any(String), expireLe: null }),
      );
    });

    it('is acceptee too when the user signs in by a sign-in link instead', async () => {
      const u = await invited();
      await api('post', '/auth/magic-link').send({ email: u.email }).expect(202);
      const mail = await smtp.waitFor((m) => m.to.includes(u.email) && /connexion/i.test(m.subject));
      await api('post', '/auth/magic-link/verify')
        .send({ token: tokenFrom(mail.text) })
        .expect(200);
      expect((await userRow(u.id)).invitation.statut).toBe('acceptee');
    });

    it('is expiree after its 7 days, and en_attente again once re-sent', async () => {
      const u = await invited();
      clock.advance(8 * DAY_MS);
      expect((await userRow(u.id)).invitation.statut).toBe('expiree');
      const before = smtp.to(u.email).length;
      await api('post', `/users/${u.id}/invitation`, admin).send({}).expect(202);
      const row = await userRow(u.id);
      expect(row.invitation.statut).toBe('en_attente');
      expect(Date.parse(row.invitation.envoyeeLe)).toBeGreaterThan(u.sentAfter + 7 * DAY_MS);
      // The new mail names the admin who re-sent it.
      const mail = await smtp.waitFor((m) => m.to.includes(u.email) && smtp.to(u.email).indexOf(m) >= before);
      expect(mail.text).toContain('par Claire Enseignante');
    });
  });

  describe('POST /auth/invitation/check', () => {
    it('says whose account a valid link activates, without using it; then the link works', async () => {
      const u = await invited();
      const check = await api('post', '/auth/invitation/check').send({ token: u.token }).expect(200);
      expect(check.body).toEqual({
        email: u.email,
        prenom: 'Inès',
        nom: expect.stringMatching(/^Invitée/),
        hackathon: null,
        invitePar: { prenom: 'Claire', nom: 'Enseignante' },
        expireLe: expect.any(String),
      });
      await api('post', '/auth/invitation/check').send({ token: u.token }).expect(200);
      await api('post', '/auth/invitation/accept').send({ token: u.token }).expect(200);
    });

    it.each([
      [
        'used',
        async (u: { token: string }) => api('post', '/auth/invitation/accept').send({ token: u.token }).expect(200),
      ],
      ['expired', async () => clock.advance(8 * DAY_MS)],
      [
        'replaced by a re-sent invitation',
        async (u: { id: string }) => api('post', `/users/${u.id}/invitation`, admin).send({}).expect(202),
      ],
    ])('answers 401 INVITATION_INVALID for a link %s', async (_label, spoil: (u: any) => Promise<unknown>) => {
      const u = await invited();
      await spoil(u);
      const res = await api('post', '/auth/invitation/check').send({ token: u.token });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVITATION_INVALID');
      expect(res.body.message).toBe('Invitation invalide, expirée ou déjà utilisée');
    });

    it('answers 401 INVITATION_INVALID for an unknown link, and 400 VALIDATION_FAILED for a malformed one', async () => {
      const unknown = await api('post', '/auth/invitation/check').send({
        token: `${admin.id}${randomBytes(32).toString('base64url')}`,
      });
      expect(unknown.status).toBe(401);
      expect(unknown.body.code).toBe('INVITATION_INVALID');
      for (const token of ['court', 'pas un jeton valide du tout !', 42]) {
        const bad = await api('post', '/auth/invitation/check').send({ token });
        expect(bad.status).toBe(400);
        expect(bad.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('POST /auth/password/check', () => {
    it('says whose password a reset link changes, without using it; used or unknown: 401 PASSWORD_RESET_INVALID', async () => {
      const u = await createUser(t, 'student', { prenom: 'Rémi', nom: 'Oublieux' });
      await api('post', '/auth/password/forgot').send({ email: u.email }).expect(202);
      const mail = await smtp.waitFor((m) => m.to.includes(u.email) && /mot de passe/i.test(m.subject));
      const token = tokenFrom(mail.text)!;
      const check = await api('post', '/auth/password/check').send({ token }).expect(200);
      expect(check.body).toEqual({ email: u.email, prenom: 'Rémi', nom: 'Oublieux', expireLe: expect.any(String) });
      await api('post', '/auth/password/reset').send({ token, password: 'nouveau-secret-1' }).expect(200);
      for (const spent of [token, `${u.id}${randomBytes(32).toString('base64url')}`]) {
        const res = await api('post', '/auth/password/check').send({ token: spent });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('PASSWORD_RESET_INVALID');
      }
    });
  });

  describe('an admin acting on their own account', () => {
    it('cannot change their own role: 409 SELF_CHANGE_REFUSED; other own fields and another admin may', async () => {
      const me = await createUser(t, 'admin');
      const res = await api('patch', `/users/${me.id}`, me).send({ role: 'student' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('SELF_CHANGE_REFUSED');
      expect(res.body.message).toMatch(/^Vous ne pouvez pas changer votre propre rôle/);
      // Still admin, still signed in.
      expect((await api('get', '/auth/me', me).expect(200)).body.user.role).toBe('admin');
      await api('patch', `/users/${me.id}`, me).send({ role: 'administrateur', prenom: 'Moi' }).expect(200);
      const other = await api('patch', `/users/${me.id}`, admin).send({ role: 'examiner' }).expect(200);
      expect(other.body.user.role).toBe('examiner');
    });

    it('cannot delete themselves: 409 SELF_CHANGE_REFUSED; the account stays', async () => {
      const me = await createUser(t, 'admin');
      const res = await api('delete', `/users/${me.id}`, me);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('SELF_CHANGE_REFUSED');
      await api('get', '/auth/me', me).expect(200);
      await api('delete', `/users/${me.id}`, admin).expect(204);
    });

    it('cannot erase themselves (RGPD): 409 SELF_CHANGE_REFUSED', async () => {
      const me = await createUser(t, 'admin');
      const res = await api('post', `/admin/users/${me.id}/erase`, me);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('SELF_CHANGE_REFUSED');
      expect((await api('get', '/auth/me', me).expect(200)).body.user.email).toBe(me.email);
    });
  });
});
