import { aHackathon } from './support/builders/hackathon.builder';
import { HackathonRepository } from '../src/hackathon/hackathon.repository';
import { createUser, TestUser } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

const API = '/api/v1/hackathons';
const STATUTS = ['Brouillon', 'Test', 'En cours', 'Terminé', 'Archivé'] as const;
type Statut = (typeof STATUTS)[number];

// docs/data-model.md §5.4, spelled out: the only six allowed transitions.
const ALLOWED: [Statut, Statut][] = [
  ['Brouillon', 'En cours'],
  ['Brouillon', 'Test'],
  ['Test', 'En cours'],
  ['Test', 'Brouillon'],
  ['En cours', 'Terminé'],
  ['Terminé', 'Archivé'],
];
const isAllowed = (from: Statut, to: Statut) => ALLOWED.some(([f, t]) => f === from && t === to);

/** A way to reach each status from Brouillon through allowed transitions. */
const PATH_TO: Record<Statut, Statut[]> = {
  Brouillon: [],
  Test: ['Test'],
  'En cours': ['En cours'],
  Terminé: ['En cours', 'Terminé'],
  Archivé: ['En cours', 'Terminé', 'Archivé'],
};

describe('hackathon status machine over HTTP', () => {
  let t: TestApp;
  let admin: TestUser;
  let admin2: TestUser;
  let student: TestUser;
  let examiner: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, admin2, student, examiner] = await Promise.all([
      createUser(t, 'admin'),
      createUser(t, 'admin'),
      createUser(t, 'student'),
      createUser(t, 'examiner'),
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (id: string, statut: unknown, user: TestUser = admin) =>
    t.http().post(`${API}/${id}/status`).set('Authorization', user.bearer).send({ statut });
  const get = async (id: string) =>
    (await t.http().get(`${API}/${id}`).set('Authorization', admin.bearer).expect(200)).body.hackathon;

  async function hackathonIn(statut: Statut): Promise<any> {
    const res = await t.http().post(API).set('Authorization', admin.bearer).send(aHackathon().build()).expect(201);
    let h = res.body.hackathon;
    for (const step of PATH_TO[statut]) {
      const r = await post(h.id, step);
      expect({ status: r.status, body: r.body }).toMatchObject({ status: 200 });
      h = r.body.hackathon;
    }
    expect(h.statut).toBe(statut);
    return h;
  }

  const PAIRS = STATUTS.flatMap((from) => STATUTS.map((to) => [from, to, isAllowed(from, to)] as const));

  it('the table below has all 25 pairs, six of them allowed', () => {
    expect(PAIRS).toHaveLength(25);
    expect(PAIRS.filter(([, , ok]) => ok)).toHaveLength(6);
  });

  it.each(PAIRS)('%s → %s: allowed=%s', async (from, to, allowed) => {
    const before = await hackathonIn(from);
    const res = await post(before.id, to);
    if (allowed) {
      expect(res.status).toBe(200);
      expect(res.body.hackathon).toMatchObject({
        id: before.id,
        statut: to,
        nom: before.nom,
        quotas: before.quotas,
        taches: before.taches,
      });
      expect(await get(before.id)).toEqual(res.body.hackathon);
    } else {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        statusCode: 409,
        code: 'INVALID_STATUS_TRANSITION',
        message: expect.stringContaining(`« ${from} » → « ${to} »`),
      });
      expect(await get(before.id)).toEqual(before);
    }
  });

  it('archiving sets dates.archiveLe; no other transition does', async () => {
    const h = await hackathonIn('Terminé');
    expect(h.dates.archiveLe).toBeNull();
    const before = Date.now();
    const res = await post(h.id, 'Archivé').expect(200);
    const archiveLe = res.body.hackathon.dates.archiveLe;
    expect(archiveLe).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(archiveLe)).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body.hackathon.dates).toMatchObject({ debut: h.dates.debut, fin: h.dates.fin });
    expect((await get(h.id)).dates.archiveLe).toBe(archiveLe);
  });

  it('accepts the statut in any case and without accents', async () => {
    const h = await hackathonIn('Brouillon');
    await post(h.id, 'en_cours').expect(200);
    const res = await post(h.id, 'TERMINE').expect(200);
    expect(res.body.hackathon.statut).toBe('Terminé');
  });

  it.each([
    ['an unknown statut', { statut: 'Fini' }],
    ['a statut that is not a string', { statut: 3 }],
    ['an operator', { statut: { $ne: 'Brouillon' } }],
    ['no statut', {}],
    ['an extra field', { statut: 'Test', nom: 'x' }],
  ])('%s → 400 VALIDATION_FAILED, statut unchanged', async (_label, body) => {
    const h = await hackathonIn('Brouillon');
    const res = await t.http().post(`${API}/${h.id}/status`).set('Authorization', admin.bearer).send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect((await get(h.id)).statut).toBe('Brouillon');
  });

  it.each([
    ['student', () => student],
    ['examiner', () => examiner],
  ])('a %s gets 403, statut unchanged', async (_label, who) => {
    const h = await hackathonIn('Brouillon');
    const res = await post(h.id, 'En cours', who());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect((await get(h.id)).statut).toBe('Brouillon');
  });

  it('without a token: 401', async () => {
    const h = await hackathonIn('Brouillon');
    const res = await t.http().post(`${API}/${h.id}/status`).send({ statut: 'Test' });
    expect(res.status).toBe(401);
  });

  it('unknown id → 404 HACKATHON_NOT_FOUND; malformed id → 400 INVALID_ID', async () => {
    const missing = await post('0123456789abcdef01234567', 'Test');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('HACKATHON_NOT_FOUND');
    const bad = await post('pas-un-id', 'Test');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_ID');
  });

  it('records each applied transition once, with who and when', async () => {
    const h = await hackathonIn('Archivé');
    const log = await t.app.get(HackathonRepository).transitionsOf(h.id);
    expect(log.map((r) => [r.seq, r.from, r.to, r.by])).toEqual([
      [1, 'Brouillon', 'En cours', admin.id],
      [2, 'En cours', 'Terminé', admin.id],
      [3, 'Terminé', 'Archivé', admin.id],
    ]);
  });

  describe('races', () => {
    // Two rounds of each allowed transition, each on a fresh hackathon.
    const ROUNDS = [...ALLOWED, ...ALLOWED].map(([from, to], i) => [i + 1, from, to] as const);

    it.each(ROUNDS)('round %i: two admins racing %s → %s: exactly one 200, the other 409', async (_round, from, to) => {
      const h = await hackathonIn(from);
      const [r1, r2] = await Promise.all([post(h.id, to, admin), post(h.id, to, admin2)]);
      const statuses = [r1.status, r2.status].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = r1.status === 409 ? r1 : r2;
      expect(loser.body.code).toBe('INVALID_STATUS_TRANSITION');
      expect((await get(h.id)).statut).toBe(to);
      const log = await t.app.get(HackathonRepository).transitionsOf(h.id);
      expect(log).toHaveLength(PATH_TO[from].length + 1);
      expect(log[log.length - 1]).toMatchObject({ from, to });
    });

    it('six admins racing the same transition: exactly one wins', async () => {
      const admins = [admin, admin2, ...(await Promise.all([1, 2, 3, 4].map(() => createUser(t, 'admin'))))];
      for (let round = 0; round < 3; round++) {
        const h = await hackathonIn('Brouillon');
        const results = await Promise.all(admins.map((who) => post(h.id, 'En cours', who)));
        expect(results.filter((r) => r.status === 200)).toHaveLength(1);
        expect(results.filter((r) => r.status === 409 && r.body.code === 'INVALID_STATUS_TRANSITION')).toHaveLength(
          admins.length - 1,
        );
        expect(await t.app.get(HackathonRepository).transitionsOf(h.id)).toHaveLength(1);
      }
    });

    it('an edit racing a status change loses neither (FerretDB writes whole documents)', async () => {
      for (let round = 0; round < 10; round++) {
        const h = await hackathonIn('Brouillon');
        const [edit, change] = await Promise.all([
          t
            .http()
            .patch(`${API}/${h.id}`)
            .set('Authorization', admin2.bearer)
            .send({ nom: `Renommé ${round}`, quotas: { promptsParEtudiant: 7 } }),
          post(h.id, 'En cours', admin),
        ]);
        expect([edit.status, change.status]).toEqual([200, 200]);
        expect(await get(h.id)).toMatchObject({
          nom: `Renommé ${round}`,
          statut: 'En cours',
          quotas: { promptsParEtudiant: 7 },
        });
      }
    });
  });
});

describe('hackathon transitions log against the real engine', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the unique (hackathonId, seq) insert lets exactly one of many concurrent writers record transition n', async () => {
    const repo = t.app.get(HackathonRepository);
    const admin = await createUser(t, 'admin');
    for (let round = 0; round < 10; round++) {
      const h = await repo.create({
        nom: `Course ${round}`,
        description: '',
        objectifs: '',
        dates: { debut: new Date(), fin: new Date(Date.now() + 3600_000) },
        anonymatActif: false,
        quotas: { promptsParEtudiant: 1, tokensParEtudiant: 1 },
        taches: [],
        acces: 'tous',
      });
      const at = new Date();
      const targets = ['En cours', 'Test', 'En cours', 'Test', 'En cours', 'Test', 'En cours', 'Test'] as const;
      const won = await Promise.all(
        targets.map((to) =>
          repo.recordTransition({ hackathonId: h.id, seq: 1, from: 'Brouillon', to, by: admin.id, at }),
        ),
      );
      expect(won.filter(Boolean)).toHaveLength(1);
      const log = await repo.transitionsOf(h.id);
      expect(log).toHaveLength(1);
      // The next number is free again.
      await expect(
        repo.recordTransition({ hackathonId: h.id, seq: 2, from: log[0].to, to: 'Brouillon', by: admin.id, at }),
      ).resolves.toBe(true);
    }
  });

  it('a transition recorded but never applied (process died in between) is rolled forward before the next decision', async () => {
    const repo = t.app.get(HackathonRepository);
    const admin = await createUser(t, 'admin');
    const res = await t.http().post(API).set('Authorization', admin.bearer).send(aHackathon().build()).expect(201);
    const id = res.body.hackathon.id;
    // As if the winner of transition 1 died right after recording it.
    await repo.recordTransition({
      hackathonId: id,
      seq: 1,
      from: 'Brouillon',
      to: 'En cours',
      by: admin.id,
      at: new Date(),
    });
    expect(
      (await t.http().get(`${API}/${id}`).set('Authorization', admin.bearer).expect(200)).body.hackathon.statut,
    ).toBe('Brouillon');

    const refused = await t
      .http()
      .post(`${API}/${id}/status`)
      .set('Authorization', admin.bearer)
      .send({ statut: 'Test' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INVALID_STATUS_TRANSITION');
    expect(
      (await t.http().get(`${API}/${id}`).set('Authorization', admin.bearer).expect(200)).body.hackathon.statut,
    ).toBe('En cours');
    const next = await t
      .http()
      .post(`${API}/${id}/status`)
      .set('Authorization', admin.bearer)
      .send({ statut: 'Terminé' });
    expect(next.status).toBe(200);
    expect((await repo.transitionsOf(id)).map((r) => r.seq)).toEqual([1, 2]);
  });
});
