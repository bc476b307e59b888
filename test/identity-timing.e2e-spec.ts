import { Types } from 'mongoose';
import { createUser } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
};

/**
 * A wrong password on an existing email and an unknown email must cost the
 * same, or sign-in tells who has an account. The app runs with bcrypt cost 12 (~250 ms a
 * comparison here, against ~90 ms for the rest of the request on the embedded engine), so a
 * path that skipped the comparison would answer ~3-4x faster and fall outside the tolerance;
 * the tolerance itself (medians within 0.5x–2x, pairs interleaved) is wide enough for a loaded
 * 2-core machine.
 */
describe('sign-in timing does not tell whether an account exists', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      BCRYPT_ROUNDS: '12',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    // Other accounts, so the email lookup has a collection to look through.
    await t.connection.collection('users').insertMany(
      Array.from({ length: 100 }, (_, i) => ({
        _id: new Types.ObjectId(),
        prenom: 'Autre',
        nom: `Élève ${i}`,
        email: `autre-${i}@ecole.example`,
        role: 'student',
        tokensUsed: 0,
        sessions: [],
        deletedAt: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      })),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a wrong password and an unknown email in the same time (medians of 50 pairs within 0.5x–2x)', async () => {
    const existing = await createUser(t, 'student');
    const timed = async (email: string) => {
      const started = process.hrtime.bigint();
      const res = await t.http().post('/api/v1/auth/login').send({ email, password: 'pas-le-bon-mot-de-passe' });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
      return ms;
    };
    // Warm-up (JIT, connections), not measured.
    await timed(existing.email);
    await timed('personne-0@ecole.example');
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 50; i++) {
      // Alternate which goes first so drift in the machine's load hits both sides alike.
      if (i % 2 === 0) {
        wrong.push(await timed(existing.email));
        unknown.push(await timed(`personne-${i}@ecole.example`));
      } else {
        unknown.push(await timed(`personne-${i}@ecole.example`));
        wrong.push(await timed(existing.email));
      }
    }
    const ratio = median(unknown) / median(wrong);
    process.stdout.write(
      `[timing] médianes : mauvais mot de passe ${median(wrong).toFixed(1)} ms, email inconnu ${median(unknown).toFixed(1)} ms, rapport ${ratio.toFixed(2)}\n`,
    );
    expect(ratio).toBeGreaterThanOrEqual(0.5);
    expect(ratio).toBeLessThanOrEqual(2);
  }, 300_000);
});
