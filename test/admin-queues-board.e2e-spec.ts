import jwt from 'jsonwebtoken';
import { createUser, TestUser } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

describe('Bull Board at /api/v1/admin/queues (admins only)', () => {
  let t: TestApp;
  let admin: TestUser;
  let student: TestUser;
  let examiner: TestUser;
  const BOARD = '/api/v1/admin/queues';

  beforeAll(async () => {
    t = await startTestApp({ BCRYPT_ROUNDS: '4' });
    admin = await createUser(t, 'admin');
    student = await createUser(t, 'student');
    examiner = await createUser(t, 'examiner');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the board page to an admin, and its API lists the ai, mail and admin queues', async () => {
    const page = await t.http().get(BOARD).set('Authorization', admin.bearer);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toMatch(/<html/i);
    const cookie = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('pc_queues_board='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/api\/v1\/admin\/queues/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const api = await t.http().get(`${BOARD}/api/queues`).set('Authorization', admin.bearer);
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: any) => q.name).sort()).toEqual(['admin', 'ai', 'mail']);
    // The browser's own requests carry the cookie instead of the header.
    const byCookie = await t.http().get(`${BOARD}/api/queues`).set('Cookie', cookie!.split(';')[0]);
    expect(byCookie.status).toBe(200);
  });

  it('answers 401 without a token, with a bad token or a forged one, and 403 to a student or an examiner', async () => {
    for (const path of [BOARD, `${BOARD}/api/queues`, `${BOARD}/static/js/main.js`]) {
      const none = await t.http().get(path);
      expect(none.status).toBe(401);
      expect(none.body.code).toBe('UNAUTHORIZED');
      expect((await t.http().get(path).set('Authorization', 'Bearer not-a-jwt')).status).toBe(401);
      const forged = jwt.sign({ sub: admin.id }, 'another-secret', {
        algorithm: 'HS256',
        issuer: t.config.JWT_ISSUER,
        audience: t.config.JWT_AUDIENCE,
      });
      expect((await t.http().get(path).set('Authorization', `Bearer ${forged}`)).status).toBe(401);
      expect((await t.http().get(path).set('Cookie', 'pc_queues_board=garbage')).status).toBe(401);
      for (const who of [student, examiner]) {
        const res = await t.http().get(path).set('Authorization', who.bearer);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    }
  });

  it('refuses a queue action (POST) without an admin token', async () => {
    expect((await t.http().put(`${BOARD}/api/queues/admin/pause`)).status).toBe(401);
    expect((await t.http().put(`${BOARD}/api/queues/admin/pause`).set('Authorization', student.bearer)).status).toBe(
      403,
    );
  });

  describe('in a browser', () => {
    const html = (req: any) => req.set('Accept', 'text/html,application/xhtml+xml');
    const cookieOf = (res: any) =>
      ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) => c.startsWith(`${COOKIE}=`));
    const COOKIE = 'pc_queues_board';

    it('shows a person without a session a French sign-in form (200), with no external resource', async () => {
      const page = await html(t.http().get(BOARD));
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toMatch(/<html lang="fr">/);
      expect(page.text).toMatch(/<form method="post" action="\/api\/v1\/admin\/queues\/login">/);
      expect(page.text).toMatch(/<label for="email">/);
      expect(page.text).toMatch(/<label for="password">/);
      expect(page.text).toMatch(/autocomplete="current-password"/);
      expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(page.text).not.toMatch(/<script/);
    });

    it('signs an admin in through the form: cookie, then the board itself and its API', async () => {
      const signIn = await t
        .http()
        .post(`${BOARD}/login`)
        .type('form')
        .send({ email: admin.email.toUpperCase(), password: 'password-123' });
      expect(signIn.status).toBe(303);
      expect(signIn.headers.location).toBe(BOARD);
      const cookie = cookieOf(signIn)!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/v1\/admin\/queues/);
      const jar = cookie.split(';')[0];
      const board = await html(t.http().get(BOARD).set('Cookie', jar));
      expect(board.status).toBe(200);
      expect(board.text).not.toMatch(/action="\/api\/v1\/admin\/queues\/login"/);
      expect(board.text).toMatch(/Prompt Challenge/);
      const api = await t.http().get(`${BOARD}/api/queues`).set('Cookie', jar).expect(200);
      expect(api.body.queues.map((q: any) => q.name).sort()).toEqual(['admin', 'ai', 'mail']);
    });

    it('answers a wrong password with the form again and a message (401), and sets no cookie', async () => {
      const res = await t
        .http()
        .post(`${BOARD}/login`)
        .type('form')
        .send({ email: admin.email, password: 'faux-mdp-1' });
      expect(res.status).toBe(401);
      expect(res.text).toMatch(/role="alert"/);
      expect(res.text).toMatch(/mot de passe incorrect/);
      expect(cookieOf(res)).toBeUndefined();
    });

    it('shows a signed-in student or examiner a clear refusal page (403)', async () => {
      const form = await t
        .http()
        .post(`${BOARD}/login`)
        .type('form')
        .send({ email: student.email, password: 'password-123' });
      expect(form.status).toBe(403);
      expect(form.text).toMatch(/réservé aux administrateurs/);
      expect(cookieOf(form)).toBeUndefined();
      const byToken = await html(t.http().get(BOARD).set('Authorization', examiner.bearer));
      expect(byToken.status).toBe(403);
      expect(byToken.headers['content-type']).toMatch(/^text\/html/);
      expect(byToken.text).toMatch(/Changer de compte/);
    });

    it('shows the form again once the session behind the cookie has ended', async () => {
      const other = await createUser(t, 'admin');
      const signIn = await t
        .http()
        .post(`${BOARD}/login`)
        .type('form')
        .send({ email: other.email, password: 'password-123' });
      const jar = cookieOf(signIn)!.split(';')[0];
      await html(t.http().get(BOARD).set('Cookie', jar)).expect(200);
      await t
        .http()
        .patch(`/api/v1/users/${other.id}`)
        .set('Authorization', admin.bearer)
        .send({ role: 'examiner' })
        .expect(200);
      const after = await html(t.http().get(BOARD).set('Cookie', jar));
      expect(after.status).toBe(200);
      expect(after.text).toMatch(/session a expiré ou a été fermée/);
      const api = await t.http().get(`${BOARD}/api/queues`).set('Cookie', jar);
      expect(api.status).toBe(401);
    });
  });

  it('is not served outside the API prefix: there, /admin/queues is a page of the web client', async () => {
    const res = await t.http().get('/admin/queues').set('Authorization', admin.bearer).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<div id="root"></div>');
    expect(res.text).not.toMatch(/bull/i);
    // And never for a client that wants JSON: the API's own 404.
    const json = await t
      .http()
      .get('/admin/queues')
      .set('Authorization', admin.bearer)
      .set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.body.code).toBe('ROUTE_NOT_FOUND');
  });
});
