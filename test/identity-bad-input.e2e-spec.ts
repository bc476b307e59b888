import { Logger } from '@nestjs/common';
import { aRegistration } from './support/builders';
import { createUser, TestUser } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

/** `{"a": {"a": … "x" …}}`: `levels` objects, one inside the other. */
function nested(levels: number, leaf: unknown = 'x'): string {
  return `${'{"a":'.repeat(levels)}${JSON.stringify(leaf)}${'}'.repeat(levels)}`;
}

describe('bad input: nesting, prototype keys, names, CORS', () => {
  let t: TestApp;
  let admin: TestUser;
  let student: TestUser;
  const errorLogs: unknown[] = [];
  let ip = 0;

  beforeAll(async () => {
    t = await startTestApp({
      BCRYPT_ROUNDS: '4',
      REGISTRATION_ENABLED: 'true',
      TRUST_PROXY: 'true',
      CORS_ORIGINS: 'https://ecole.example,http://localhost:5173',
    });
    admin = await createUser(t, 'admin');
    student = await createUser(t, 'student');
    // Every error the app logs (the filter logs 500s with their stack) is collected here.
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => void errorLogs.push(args));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });
  afterEach(() => {
    expect(errorLogs).toEqual([]);
  });

  const raw = (method: 'post' | 'patch', path: string, body: string, who?: TestUser) => {
    const agent = t.http();
    const req = (method === 'post' ? agent.post(`/api/v1${path}`) : agent.patch(`/api/v1${path}`))
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-For', `10.3.0.${++ip % 250}`);
    return (who ? req.set('Authorization', who.bearer) : req).send(body);
  };

  describe('nesting', () => {
    it('answers POST /auth/login with an email nested 5 000 levels with 400 VALIDATION_FAILED, not 500', async () => {
      const body = `{"email":${nested(5000)},"password":"x"}`;
      const res = await raw('post', '/auth/login', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(/imbriqué/);
    });

    it('refuses 33 levels and lets 32 through to validation', async () => {
      const deep = await raw('post', '/auth/login', nested(33));
      expect(deep.status).toBe(400);
      expect(deep.body.code).toBe('VALIDATION_FAILED');
      expect(deep.body.details).toEqual([{ field: 'body', messages: [expect.stringMatching(/32/)] }]);
      // 32 levels reach the validator, which refuses the unknown field `a`: a different message.
      const ok = await raw('post', '/auth/login', nested(32));
      expect(ok.status).toBe(400);
      expect(ok.body.message).not.toMatch(/imbriqué/);
      expect(ok.body.details).toEqual(expect.arrayContaining([{ field: 'a', messages: ['champ non autorisé'] }]));
    });

    it('counts brackets inside strings as text, not nesting', async () => {
      const res = await raw(
        'post',
        '/auth/login',
        JSON.stringify({ email: '['.repeat(100), password: '{'.repeat(100) }),
      );
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('answers a 1 MiB array of arrays with 400, and malformed JSON with 400 INVALID_JSON', async () => {
      const res = await raw('post', '/auth/login', '['.repeat(1_000_000));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const bad = await raw('post', '/auth/login', '{"email": ');
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_JSON');
    });
  });

  describe('prototype keys', () => {
    it.each([
      ['__proto__ at the top', '{"__proto__":{"role":"admin"},"email":"a@b.example","password":"x"}'],
      ['constructor at the top', '{"constructor":{"prototype":{"x":1}},"email":"a@b.example","password":"x"}'],
      ['prototype deep down', '{"email":"a@b.example","password":"x","z":[{"y":{"prototype":1}}]}'],
    ])('answers %s with 400 VALIDATION_FAILED', async (_label, body) => {
      const res = await raw('post', '/auth/login', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(/Clé interdite/);
    });

    it('refuses them on a signed-in route too, and changes nothing', async () => {
      const res = await raw('patch', '/users/me', '{"profilJury":{"__proto__":{"isAdmin":true}}}', student);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });
  });

  describe('names', () => {
    const BAD_NAMES: [string, string][] = [
      ['a null byte', 'Ma\u0000rie'],
      ['a right-to-left override', 'Eve\u202Egnp.exe'],
      ['a left-to-right override', '\u202DMarie'],
      ['an isolate', 'Marie\u2066'],
      ['only zero-width characters', '\u200B\u200C\u200D\uFEFF'],
    ];

    it.each(BAD_NAMES)('refuses a prenom with %s at registration: 400 VALIDATION_FAILED', async (_label, name) => {
      const res = await raw('post', '/auth/register', JSON.stringify(aRegistration({ prenom: name })));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'prenom' })]));
    });

    it.each(BAD_NAMES)('refuses a nom with %s on PATCH /users/me', async (_label, name) => {
      const res = await raw('patch', '/users/me', JSON.stringify({ nom: name }), student);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it.each(BAD_NAMES)('refuses a name with %s on admin create and update', async (_label, name) => {
      const created = await raw(
        'post',
        '/users',
        JSON.stringify({ prenom: name, nom: 'Test', email: `n-${Date.now()}-${++ip}@ecole.example`, role: 'student' }),
        admin,
      );
      expect(created.status).toBe(400);
      expect(created.body.code).toBe('VALIDATION_FAILED');
      const updated = await raw('patch', `/users/${student.id}`, JSON.stringify({ nom: name }), admin);
      expect(updated.status).toBe(400);
      expect(updated.body.code).toBe('VALIDATION_FAILED');
    });

    it('accepts names with accents, apostrophes, hyphens, non-Latin scripts and a joiner inside', async () => {
      for (const nom of ['Lefèvre-N’Diaye', 'Ørsted', 'محمد', '李', 'क्‍ष']) {
        const res = await raw('patch', '/users/me', JSON.stringify({ nom }), student);
        expect([nom, res.status]).toEqual([nom, 200]);
      }
    });
  });

  describe('CORS', () => {
    it('answers a preflight from an allowed origin with 204 and the allowed methods and headers', async () => {
      const res = await t
        .http()
        .options('/api/v1/auth/login')
        .set('Origin', 'https://ecole.example')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type,authorization');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://ecole.example');
      expect(res.headers['access-control-allow-methods']).toMatch(/POST/);
      expect(res.headers['access-control-allow-methods']).toMatch(/PATCH/);
      expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/i);
      expect(res.headers['access-control-allow-headers']).toMatch(/Content-Type/i);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const actual = await t.http().get('/api/v1/health').set('Origin', 'http://localhost:5173');
      expect(actual.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    });

    it('gives a refused origin no CORS header at all', async () => {
      const res = await t
        .http()
        .options('/api/v1/auth/login')
        .set('Origin', 'https://pirate.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(res.status).not.toBe(204);
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      const actual = await t.http().get('/api/v1/health').set('Origin', 'https://pirate.example');
      expect(Object.keys(actual.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    });
  });
});

describe('CORS default: the origin of PUBLIC_WEB_URL', () => {
  it('allows the web client and nothing else', async () => {
    const t = await startTestApp({ PUBLIC_WEB_URL: 'https://prompt.ecole.example/app/' });
    try {
      const preflight = (origin: string) =>
        t.http().options('/api/v1/auth/login').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
      const ok = await preflight('https://prompt.ecole.example');
      expect(ok.status).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe('https://prompt.ecole.example');
      expect((await preflight('http://localhost:5173')).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
