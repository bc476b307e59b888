import { createUser, TestUser } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Request limits as a school meets them: a class signs in from one address (the anonymous
 * per-IP limit, ANONYMOUS_RATE_LIMIT_PER_MINUTE, sized for it), each signed-in user has a
 * limit of their own (RATE_LIMIT_PER_MINUTE). Small limits here, the same rules as the defaults.
 */
describe('request limits: a class behind one address', () => {
  let t: TestApp;
  let students: TestUser[];
  const PER_USER = 3;
  const ANONYMOUS = 8;

  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      BCRYPT_ROUNDS: '4',
      RATE_LIMIT_PER_MINUTE: String(PER_USER),
      ANONYMOUS_RATE_LIMIT_PER_MINUTE: String(ANONYMOUS),
    });
    students = [];
    for (let i = 0; i < ANONYMOUS + 1; i++) students.push(await createUser(t, 'student'));
  });
  afterAll(() => t?.close());

  const signIn = (who: TestUser, ip: string) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email: who.email, password: 'password-123' });

  it('lets a class sign in from one address beyond one user’s limit, up to the anonymous limit: then 429 RATE_LIMITED with Retry-After', async () => {
    const school = '10.9.0.1';
    const answers = [];
    for (const s of students) answers.push(await signIn(s, school));
    // More sign-ins than one signed-in user may make requests, all answered.
    expect(answers.slice(0, ANONYMOUS).map((r) => r.status)).toEqual(Array(ANONYMOUS).fill(200));
    const refused = answers[ANONYMOUS];
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another school is not held back by it.
    expect((await signIn(students[ANONYMOUS], '10.9.0.2')).status).toBe(200);
  });

  it('keeps each signed-in user to their own limit, whatever their address', async () => {
    const [a, b] = students;
    const me = (who: TestUser) =>
      t.http().get('/api/v1/auth/me').set('Authorization', who.bearer).set('X-Forwarded-For', '10.9.0.3');
    for (let i = 0; i < PER_USER; i++) expect((await me(a)).status).toBe(200);
    const refused = await me(a);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    // A classmate behind the same address still has theirs.
    expect((await me(b)).status).toBe(200);
  });
});
