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

  it('is not served outside the API prefix', async () => {
    expect((await t.http().get('/admin/queues').set('Authorization', admin.bearer)).status).toBe(404);
  });
});
