import { Types } from 'mongoose';
import { Clock } from '../libs/clock';
import { DatabaseEngine, IndexBuilder } from '../libs/database';
import { aHackathon, HackathonBody } from './support/builders/hackathon.builder';
import { HackathonCatalog } from '../src/hackathon/hackathon-catalog.service';
import { FixedClock } from './support/builders';
import { createUser, TestUser } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

const API = '/api/v1/hackathons';
const HOUR = 3600_000;
const OBJECT_ID = /^[0-9a-f]{24}$/;
/** What a task without consigne, systeme nor checks carries (docs/api.md 1.2). */
const NO_CHECKS = {
  consigne: null,
  systeme: null,
  avecVerification: false,
  entrees: [],
  maxTokensPrompt: null,
  casPublics: [],
  verification: null,
};
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface Actors {
  admin: TestUser;
  student: TestUser;
  examiner: TestUser;
}

async function actorsOf(t: TestApp): Promise<Actors> {
  const [admin, student, examiner] = await Promise.all([
    createUser(t, 'admin'),
    createUser(t, 'student'),
    createUser(t, 'examiner'),
  ]);
  return { admin, student, examiner };
}

async function create(t: TestApp, admin: TestUser, body: HackathonBody = aHackathon().build()): Promise<any> {
  const res = await t.http().post(API).set('Authorization', admin.bearer).send(body);
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  return res.body.hackathon;
}

async function setStatus(t: TestApp, admin: TestUser, id: string, ...path: string[]): Promise<any> {
  let last: any;
  for (const statut of path) {
    const res = await t.http().post(`${API}/${id}/status`).set('Authorization', admin.bearer).send({ statut });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    last = res.body.hackathon;
  }
  return last;
}

/** A hackathon `En cours` whose dates frame now (or the given dates). */
async function running(t: TestApp, admin: TestUser, body: HackathonBody = aHackathon().build()): Promise<any> {
  const h = await create(t, admin, body);
  return setStatus(t, admin, h.id, 'En cours');
}

const activeNames = async (t: TestApp, user: TestUser): Promise<string[]> => {
  const res = await t.http().get(`${API}/active`).set('Authorization', user.bearer);
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
  return res.body.items.map((h: any) => h.nom);
};

describe('hackathons: create, read, update', () => {
  let t: TestApp;
  let a: Actors;

  beforeAll(async () => {
    t = await startTestApp();
    a = await actorsOf(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('POST /hackathons', () => {
    it('an admin creates a Brouillon with stable task ids, ISO dates and defaults', async () => {
      const body = aHackathon()
        .named('  Hackathon IA 2025  ')
        .between('2025-03-10T08:00:00.000Z', '2025-03-12T18:00:00.000Z')
        .withQuotas(10, 2000)
        .withTaches('Analyse de données avec IA', { titre: '  Génération de code Python ' })
        .with({ description: undefined, objectifs: undefined, anonymatActif: undefined })
        .build();
      const res = await t.http().post(API).set('Authorization', a.admin.bearer).send(body).expect(201);
      const h = res.body.hackathon;
      expect(h).toEqual({
        id: expect.stringMatching(OBJECT_ID),
        nom: 'Hackathon IA 2025',
        description: '',
        objectifs: '',
        dates: { debut: '2025-03-10T08:00:00.000Z', fin: '2025-03-12T18:00:00.000Z', archiveLe: null },
        anonymatActif: false,
        quotas: { promptsParEtudiant: 10, tokensParEtudiant: 2000, tokensVerification: 200_000 },
        taches: [
          { id: expect.stringMatching(OBJECT_ID), titre: 'Analyse de données avec IA', ...NO_CHECKS },
          { id: expect.stringMatching(OBJECT_ID), titre: 'Génération de code Python', ...NO_CHECKS },
        ],
        modeles: [],
        classement: { poidsNote: 1, poidsScore: 0 },
        statut: 'Brouillon',
        acces: 'tous',
        resultatsPublies: false,
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
      });
      expect(h.taches[0].id).not.toBe(h.taches[1].id);
      // The answer is what is stored.
      const again = await t.http().get(`${API}/${h.id}`).set('Authorization', a.admin.bearer).expect(200);
      expect(again.body).toEqual({ hackathon: h });
    });

    it('keeps description, objectifs and anonymatActif when given', async () => {
      const h = await create(
        t,
        a.admin,
        aHackathon().described('Décrit').withObjectifs('Apprendre').anonymous().withTaches().build(),
      );
      expect(h).toMatchObject({ description: 'Décrit', objectifs: 'Apprendre', anonymatActif: true, taches: [] });
    });

    it.each([
      ['student', 'student'],
      ['examiner', 'examiner'],
    ] as const)('a %s gets 403', async (_label, role) => {
      const res = await t.http().post(API).set('Authorization', a[role].bearer).send(aHackathon().build());
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it('without a token: 401', async () => {
      const res = await t.http().post(API).send(aHackathon().build());
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
    });

    const D = '2025-03-10T08:00:00.000Z';
    it.each([
      ['missing nom', { nom: undefined }],
      ['blank nom', { nom: '   ' }],
      ['nom as an object', { nom: { $ne: null } }],
      ['missing dates', { dates: undefined }],
      ['fin equal to debut', { dates: { debut: D, fin: D } }],
      ['fin before debut', { dates: { debut: D, fin: '2025-03-09T08:00:00.000Z' } }],
      ['a malformed date', { dates: { debut: 'demain', fin: D } }],
      ['a negative prompts quota', { quotas: { promptsParEtudiant: -5, tokensParEtudiant: 2000 } }],
      ['a negative tokens quota', { quotas: { promptsParEtudiant: 5, tokensParEtudiant: -1 } }],
      ['a zero quota', { quotas: { promptsParEtudiant: 0, tokensParEtudiant: 2000 } }],
      ['a non-integer quota', { quotas: { promptsParEtudiant: 2.5, tokensParEtudiant: 2000 } }],
      ['a quota as a string', { quotas: { promptsParEtudiant: '10', tokensParEtudiant: 2000 } }],
      ['an absurdly large quota', { quotas: { promptsParEtudiant: 10, tokensParEtudiant: 1e12 } }],
      ['missing quotas', { quotas: undefined }],
      ['a statut', { statut: 'En cours' }],
      ['an unknown statut', { statut: 'Fini' }],
      ['an unknown field', { couleur: 'bleu' }],
      ['duplicate task titles', { taches: ['Même', 'même'] }],
      ['a task that is neither a title nor {titre}', { taches: [42] }],
      ['a task object with an operator', { taches: [{ titre: { $gt: '' } }] }],
      ['taches not an array', { taches: 'Une tâche' }],
    ])('%s → 400 VALIDATION_FAILED', async (_label, overrides) => {
      const res = await t
        .http()
        .post(API)
        .set('Authorization', a.admin.bearer)
        .send(aHackathon().with(overrides).build());
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String) });
    });

    it('fin before debut says so in French, on dates.fin', async () => {
      const res = await t
        .http()
        .post(API)
        .set('Authorization', a.admin.bearer)
        .send(aHackathon().between(D, '2025-03-01T00:00:00.000Z').build());
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          {
            field: 'dates.fin',
            messages: expect.arrayContaining(['La date de fin doit être postérieure à la date de début']),
          },
        ]),
      );
    });
  });

  describe('GET /hackathons/:id', () => {
    let h: any;
    beforeAll(async () => {
      h = await create(t, a.admin);
    });

    it.each(['admin', 'examiner'] as const)('answers {hackathon} to a %s', async (role) => {
      const res = await t.http().get(`${API}/${h.id}`).set('Authorization', a[role].bearer).expect(200);
      expect(res.body).toEqual({ hackathon: h });
    });

    it('tells a student nothing of a draft (404), and answers once it leaves Brouillon', async () => {
      const draft = await create(t, a.admin);
      const hidden = await t.http().get(`${API}/${draft.id}`).set('Authorization', a.student.bearer);
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe('HACKATHON_NOT_FOUND');
      await setStatus(t, a.admin, draft.id, 'Test');
      const shown = await t.http().get(`${API}/${draft.id}`).set('Authorization', a.student.bearer).expect(200);
      expect(shown.body.hackathon.statut).toBe('Test');
    });

    it('unknown id → 404 HACKATHON_NOT_FOUND', async () => {
      const res = await t.http().get(`${API}/0123456789abcdef01234567`).set('Authorization', a.student.bearer);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'HACKATHON_NOT_FOUND', message: 'Hackathon introuvable' });
    });

    it.each(['123', 'zzzzzzzzzzzzzzzzzzzzzzzz', '0123456789abcdef012345678'])(
      'malformed id %s → 400 INVALID_ID',
      async (id) => {
        const res = await t.http().get(`${API}/${id}`).set('Authorization', a.student.bearer);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('INVALID_ID');
      },
    );

    it('without a token: 401', async () => {
      await t.http().get(`${API}/${h.id}`).expect(401);
    });
  });

  describe('PATCH /hackathons/:id', () => {
    it('changes any field but statut, keeps task ids, and leaves statut and archiveLe alone', async () => {
      const h = await running(
        t,
        a.admin,
        aHackathon()
          .between('2025-03-10T08:00:00.000Z', '2025-03-12T18:00:00.000Z')
          .withTaches('Analyse', 'Chatbot', 'Code')
          .build(),
      );
      const [analyse, chatbot, code] = h.taches;
      const res = await t
        .http()
        .patch(`${API}/${h.id}`)
        .set('Authorization', a.admin.bearer)
        .send({
          nom: ' Renommé ',
          description: 'Nouvelle description',
          objectifs: 'Nouveaux objectifs',
          anonymatActif: true,
          dates: { fin: '2025-03-20T18:00:00.000Z' },
          quotas: { tokensParEtudiant: 15000 },
          taches: ['chatbot', { id: analyse.id, titre: 'Analyse de données' }, 'Rédaction technique'],
        })
        .expect(200);
      const after = res.body.hackathon;
      expect(after).toMatchObject({
        id: h.id,
        nom: 'Renommé',
        description: 'Nouvelle description',
        objectifs: 'Nouveaux objectifs',
        anonymatActif: true,
        statut: 'En cours',
        dates: { debut: '2025-03-10T08:00:00.000Z', fin: '2025-03-20T18:00:00.000Z', archiveLe: null },
        quotas: { promptsParEtudiant: h.quotas.promptsParEtudiant, tokensParEtudiant: 15000 },
      });
      expect(after.taches).toEqual([
        { id: chatbot.id, titre: 'chatbot', ...NO_CHECKS },
        { id: analyse.id, titre: 'Analyse de données', ...NO_CHECKS },
        { id: expect.stringMatching(OBJECT_ID), titre: 'Rédaction technique', ...NO_CHECKS },
      ]);
      expect(after.taches.map((x: any) => x.id)).not.toContain(code.id);
      expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(h.updatedAt));
      const stored = await t.http().get(`${API}/${h.id}`).set('Authorization', a.student.bearer).expect(200);
      // What the admin got, but a student never gets a task's `verification`.
      expect(stored.body.hackathon).toEqual({
        ...after,
        taches: after.taches.map(({ verification: _v, ...task }: any) => task),
      });
    });

    it('an empty body changes nothing', async () => {
      const h = await create(t, a.admin);
      const res = await t.http().patch(`${API}/${h.id}`).set('Authorization', a.admin.bearer).send({}).expect(200);
      expect(res.body.hackathon).toEqual(h);
    });

    it('statut in the body → 400, and the statut does not change', async () => {
      const h = await create(t, a.admin);
      const res = await t
        .http()
        .patch(`${API}/${h.id}`)
        .set('Authorization', a.admin.bearer)
        .send({ statut: 'En cours', nom: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'statut' })]));
      const stored = await t.http().get(`${API}/${h.id}`).set('Authorization', a.admin.bearer).expect(200);
      expect(stored.body.hackathon).toMatchObject({ statut: 'Brouillon', nom: h.nom });
    });

    it.each([
      ['fin before the stored debut', { dates: { fin: '2025-03-01T00:00:00.000Z' } }],
      ['debut after the stored fin', { dates: { debut: '2025-04-01T00:00:00.000Z' } }],
      [
        'fin equal to debut, both given',
        { dates: { debut: '2025-05-01T00:00:00.000Z', fin: '2025-05-01T00:00:00.000Z' } },
      ],
      ['archiveLe', { dates: { archiveLe: '2025-03-01T00:00:00.000Z' } }],
      ['a negative quota', { quotas: { promptsParEtudiant: -1 } }],
      ['a non-integer quota', { quotas: { tokensParEtudiant: 10.5 } }],
      ['a blank nom', { nom: '  ' }],
      ['an unknown task id', { taches: [{ id: 'abcdefabcdefabcdefabcdef', titre: 'x' }] }],
      ['duplicate task titles', { taches: ['a', 'A'] }],
      ['an unknown field', { createdAt: '2020-01-01T00:00:00.000Z' }],
    ])('%s → 400 VALIDATION_FAILED, nothing stored', async (_label, body) => {
      const h = await create(
        t,
        a.admin,
        aHackathon().between('2025-03-10T08:00:00.000Z', '2025-03-12T18:00:00.000Z').build(),
      );
      const res = await t.http().patch(`${API}/${h.id}`).set('Authorization', a.admin.bearer).send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const stored = await t.http().get(`${API}/${h.id}`).set('Authorization', a.admin.bearer).expect(200);
      expect(stored.body.hackathon).toEqual(h);
    });

    it.each(['student', 'examiner'] as const)('a %s gets 403', async (role) => {
      const h = await create(t, a.admin);
      const res = await t.http().patch(`${API}/${h.id}`).set('Authorization', a[role].bearer).send({ nom: 'Piraté' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      const stored = await t.http().get(`${API}/${h.id}`).set('Authorization', a.admin.bearer).expect(200);
      expect(stored.body.hackathon.nom).toBe(h.nom);
    });

    it('unknown id → 404 HACKATHON_NOT_FOUND; malformed id → 400 INVALID_ID', async () => {
      const missing = await t
        .http()
        .patch(`${API}/0123456789abcdef01234567`)
        .set('Authorization', a.admin.bearer)
        .send({ nom: 'x' });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('HACKATHON_NOT_FOUND');
      const bad = await t.http().patch(`${API}/pas-un-id`).set('Authorization', a.admin.bearer).send({ nom: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_ID');
    });
  });

  it('builds the indexes of docs/data-model.md §5.6/9.1 and the unique transition index; the text index only where the engine has it', async () => {
    const report = t.app.get(IndexBuilder).lastReport;
    expect(report.failed).toEqual([]);
    expect(report.built).toEqual(
      expect.arrayContaining([
        'hackathons.statut_1_dates.debut_-1',
        'hackathons.dates.debut_1_dates.fin_1',
        'hackathon_transitions.hackathonId_1_seq_1',
      ]),
    );
    const text = 'hackathons.nom_text_description_text';
    if (t.app.get(DatabaseEngine).isFerretDb) expect(report.skipped).toContain(text);
    else expect(report.built).toContain(text);
    const indexes = await t.connection.collection('hackathon_transitions').indexes();
    expect(indexes).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: { hackathonId: 1, seq: 1 }, unique: true })]),
    );
  });

  it('publishes the hackathon routes in the OpenAPI document', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    const paths = doc.body.paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/hackathons',
        '/api/v1/hackathons/active',
        '/api/v1/hackathons/{id}',
        '/api/v1/hackathons/{id}/status',
      ]),
    );
    expect(Object.keys(paths['/api/v1/hackathons'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(paths['/api/v1/hackathons/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(paths['/api/v1/hackathons'].post.tags).toEqual(['hackathons']);
    expect(paths['/api/v1/hackathons'].post.security).toEqual([{ bearer: [] }]);
  });
});

describe('hackathons: listing and search', () => {
  let t: TestApp;
  let a: Actors;
  const byName: Record<string, any> = {};

  beforeAll(async () => {
    t = await startTestApp();
    a = await actorsOf(t);
    const at = (day: number) => `2025-0${day}-01T08:00:00.000Z`;
    const specs: [string, string, number][] = [
      ['Regex .* littéral', 'point étoile', 1],
      ['Parenthèse (ouverte', 'rien à signaler', 2],
      ['Anti\\slash', 'barre oblique inversée', 3],
      ['Quelconque', 'Une description avec PROMPTS en majuscules', 4],
      ['abc', 'def', 5],
    ];
    for (const [nom, description, month] of specs) {
      byName[nom] = await create(
        t,
        a.admin,
        aHackathon().named(nom).described(description).between(at(month), `2025-0${month}-03T08:00:00.000Z`).build(),
      );
    }
    await setStatus(t, a.admin, byName['Quelconque'].id, 'En cours');
    await setStatus(t, a.admin, byName['abc'].id, 'En cours', 'Terminé');
  });
  afterAll(async () => {
    await t?.close();
  });

  const search = async (query: Record<string, string | number>, user: TestUser = a.examiner) => {
    const res = await t.http().get(API).query(query).set('Authorization', user.bearer);
    return res;
  };

  it('answers a page {items, total, page, limit}, newest debut first, to any role (students see no draft)', async () => {
    for (const role of ['admin', 'examiner'] as const) {
      const res = await search({}, a[role]);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 5, page: 1, limit: 20 });
      expect(res.body.items.map((h: any) => h.nom)).toEqual([
        'abc',
        'Quelconque',
        'Anti\\slash',
        'Parenthèse (ouverte',
        'Regex .* littéral',
      ]);
    }
    const res = await search({}, a.student);
    expect(res.body).toMatchObject({ total: 2, page: 1, limit: 20 });
    expect(res.body.items.map((h: any) => h.nom)).toEqual(['abc', 'Quelconque']);
  });

  it('pages with page and limit', async () => {
    const res = await search({ page: 2, limit: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 5, page: 2, limit: 2 });
    expect(res.body.items.map((h: any) => h.nom)).toEqual(['Anti\\slash', 'Parenthèse (ouverte']);
    const past = await search({ page: 9, limit: 2 });
    expect(past.body).toMatchObject({ items: [], total: 5, page: 9 });
  });

  it('items are full hackathons with ids and tasks', async () => {
    const res = await search({ q: 'Quelconque' });
    expect(res.body.items).toEqual([
      { ...byName['Quelconque'], statut: 'En cours', updatedAt: expect.stringMatching(ISO) },
    ]);
  });

  it.each([
    [{ statut: 'En cours' }, ['Quelconque']],
    [{ statut: 'en_cours' }, ['Quelconque']],
    [{ statut: 'Terminé' }, ['abc']],
    [{ statut: 'Brouillon' }, ['Anti\\slash', 'Parenthèse (ouverte', 'Regex .* littéral']],
    [{ statut: 'Archivé' }, []],
    [{ statut: 'Brouillon', q: 'slash' }, ['Anti\\slash']],
  ])('filters by statut: %j', async (query, names) => {
    const res = await search(query);
    expect(res.status).toBe(200);
    expect(res.body.items.map((h: any) => h.nom)).toEqual(names);
    expect(res.body.total).toBe(names.length);
  });

  it.each([
    ['.*', ['Regex .* littéral']],
    ['*', ['Regex .* littéral']],
    ['(', ['Parenthèse (ouverte']],
    ['\\', ['Anti\\slash']],
    ['prompts', ['Quelconque']],
    ['PROMPTS en', ['Quelconque']],
    ['oblique inversée', ['Anti\\slash']],
    ['  abc  ', ['abc']],
    ['[', []],
    ['a|b', []],
    ['^abc$', []],
    ['.', ['Regex .* littéral']],
    ['$', []],
    ['(?i)', []],
  ])('q=%j is searched literally, case-insensitively, in nom and description', async (q, names) => {
    const res = await search({ q });
    expect(res.status).toBe(200);
    expect(res.body.items.map((h: any) => h.nom)).toEqual(names);
    expect(res.body.total).toBe(names.length);
  });

  it('an empty q lists everything', async () => {
    const res = await search({ q: '' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
  });

  it.each([
    ['an unknown statut', { statut: 'Fini' }],
    ['limit 0', { limit: 0 }],
    ['limit 101', { limit: 101 }],
    ['page 0', { page: 0 }],
    ['a non-numeric page', { page: 'deux' }],
    ['an unknown parameter', { tri: 'nom' }],
    ['an operator in q', { 'q[$ne]': 'x' }],
  ])('%s → 400 VALIDATION_FAILED', async (_label, query) => {
    const res = await search(query as Record<string, string | number>);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('q given twice → 400 VALIDATION_FAILED, never a 500', async () => {
    const res = await t.http().get(`${API}?q=a&q=b`).set('Authorization', a.student.bearer);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('without a token: 401', async () => {
    await t.http().get(API).expect(401);
  });
});

describe('hackathons: GET /hackathons/active and its cache', () => {
  let t: TestApp;
  let a: Actors;

  beforeAll(async () => {
    // A long TTL: anything fresh seen below comes from invalidation, not from expiry.
    t = await startTestApp({ ACTIVE_HACKATHONS_CACHE_TTL_S: '600' });
    a = await actorsOf(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists En cours hackathons whose dates frame now, newest debut first, to any role', async () => {
    const now = new Date();
    const older = await running(
      t,
      a.admin,
      aHackathon()
        .named('Actif ancien')
        .runningAt(now, 5 * HOUR)
        .build(),
    );
    const newer = await running(t, a.admin, aHackathon().named('Actif récent').runningAt(now, HOUR).build());
    await running(t, a.admin, aHackathon().named('Pas commencé').startingAfter(now, HOUR).build());
    await running(t, a.admin, aHackathon().named('Déjà fini').endedBefore(now, HOUR).build());
    await create(t, a.admin, aHackathon().named('Brouillon dans ses dates').runningAt(now).build());
    const test = await create(t, a.admin, aHackathon().named('Test dans ses dates').runningAt(now).build());
    await setStatus(t, a.admin, test.id, 'Test');
    const ended = await running(t, a.admin, aHackathon().named('Terminé dans ses dates').runningAt(now).build());
    await setStatus(t, a.admin, ended.id, 'Terminé');

    // A student gets each task without its `verification` (docs/api.md 1.2).
    const forStudent = (h: any) => ({ ...h, taches: h.taches.map(({ verification: _v, ...task }: any) => task) });
    for (const role of ['admin', 'student', 'examiner'] as const) {
      const res = await t.http().get(`${API}/active`).set('Authorization', a[role].bearer).expect(200);
      expect(res.body).toEqual({
        items: role === 'student' ? [forStudent(newer), forStudent(older)] : [newer, older],
      });
    }
    await t.http().get(`${API}/active`).expect(401);
  });

  it('reflects every change of a hackathon at once: started, renamed, dates moved, ended', async () => {
    const now = new Date();
    const baseline = await activeNames(t, a.student);
    const h = await create(t, a.admin, aHackathon().named('Nouveau venu').runningAt(now, 10).build());
    expect(await activeNames(t, a.student)).toEqual(baseline);

    await setStatus(t, a.admin, h.id, 'En cours');
    expect(await activeNames(t, a.student)).toEqual(['Nouveau venu', ...baseline]);

    await t
      .http()
      .patch(`${API}/${h.id}`)
      .set('Authorization', a.admin.bearer)
      .send({ nom: 'Nouveau nom' })
      .expect(200);
    expect(await activeNames(t, a.student)).toEqual(['Nouveau nom', ...baseline]);

    await t
      .http()
      .patch(`${API}/${h.id}`)
      .set('Authorization', a.admin.bearer)
      .send({
        dates: {
          debut: new Date(now.getTime() + HOUR).toISOString(),
          fin: new Date(now.getTime() + 2 * HOUR).toISOString(),
        },
      })
      .expect(200);
    expect(await activeNames(t, a.student)).toEqual(baseline);

    await t
      .http()
      .patch(`${API}/${h.id}`)
      .set('Authorization', a.admin.bearer)
      .send({ dates: { debut: new Date(now.getTime() - 60_000).toISOString() } })
      .expect(200);
    expect(await activeNames(t, a.student)).toEqual(['Nouveau nom', ...baseline]);

    await setStatus(t, a.admin, h.id, 'Terminé');
    expect(await activeNames(t, a.student)).toEqual(baseline);
  });

  it('serves from the cache, and any change of any hackathon invalidates it', async () => {
    const h = await running(t, a.admin, aHackathon().named('Caché').runningAt(new Date()).build());
    expect(await activeNames(t, a.student)).toContain('Caché');
    // Behind the service's back: the cached list does not see it...
    await t.connection
      .collection('hackathons')
      .updateOne({ _id: new Types.ObjectId(h.id) }, { $set: { nom: 'Changé en base' } });
    expect(await activeNames(t, a.student)).toContain('Caché');
    // ...until any hackathon changes through the service (here an unrelated draft is created).
    await create(t, a.admin);
    const names = await activeNames(t, a.student);
    expect(names).toContain('Changé en base');
    expect(names).not.toContain('Caché');
  });
});

describe('hackathons: the active list follows the clock, even from the cache', () => {
  const clock = new FixedClock(new Date());
  let t: TestApp;
  let a: Actors;

  beforeAll(async () => {
    t = await startTestApp({ ACTIVE_HACKATHONS_CACHE_TTL_S: '600' }, (b) => b.overrideProvider(Clock).useValue(clock));
    a = await actorsOf(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a hackathon enters the list at debut and leaves it after fin, with no write in between', async () => {
    const start = clock.now();
    await running(
      t,
      a.admin,
      aHackathon()
        .named('Fenêtre')
        .between(new Date(start.getTime() + HOUR), new Date(start.getTime() + 3 * HOUR))
        .build(),
    );
    await running(
      t,
      a.admin,
      aHackathon()
        .named('Toujours là')
        .runningAt(start, HOUR, 100 * HOUR)
        .build(),
    );

    expect(await activeNames(t, a.student)).toEqual(['Toujours là']);
    clock.advance(HOUR);
    expect(await activeNames(t, a.student)).toEqual(['Fenêtre', 'Toujours là']);
    clock.advance(2 * HOUR);
    expect(await activeNames(t, a.student)).toEqual(['Fenêtre', 'Toujours là']);
    clock.advance(1);
    expect(await activeNames(t, a.student)).toEqual(['Toujours là']);
  });
});

describe('HackathonCatalog (what other contexts may ask), against the real engine', () => {
  let t: TestApp;
  let a: Actors;
  let catalog: HackathonCatalog;

  beforeAll(async () => {
    t = await startTestApp();
    a = await actorsOf(t);
    catalog = t.app.get(HackathonCatalog);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says whether a hackathon is open now, for whom, with its quotas, tasks and anonymity', async () => {
    const now = new Date();
    const body = aHackathon().runningAt(now).withQuotas(10, 2000).withTaches('A', 'B').anonymous().build();
    const open = await running(t, a.admin, body);
    const p = await catalog.getForParticipation(open.id);
    expect(p).toEqual({
      id: open.id,
      nom: open.nom,
      statut: 'En cours',
      open: true,
      closedReason: null,
      countsUsage: true,
      readOnly: false,
      anonymatActif: true,
      acces: 'tous',
      resultatsPublies: false,
      participant: true,
      quotas: { promptsParEtudiant: 10, tokensParEtudiant: 2000 },
      taches: open.taches,
      modeles: [],
      dates: open.dates,
    });
    await expect(catalog.assertOpenForStudents(open.id)).resolves.toMatchObject({ open: true });

    const draft = await create(t, a.admin, aHackathon().runningAt(now).build());
    await expect(catalog.getForParticipation(draft.id)).resolves.toMatchObject({
      open: false,
      closedReason: 'STATUT',
      readOnly: false,
    });
    await expect(catalog.assertOpenForStudents(draft.id)).rejects.toMatchObject({
      status: 409,
      code: 'HACKATHON_NOT_OPEN',
    });

    const test = await create(
      t,
      a.admin,
      aHackathon()
        .startingAfter(now, 10 * HOUR)
        .build(),
    );
    await setStatus(t, a.admin, test.id, 'Test');
    await expect(catalog.assertOpenForStudents(test.id)).rejects.toMatchObject({
      status: 409,
      code: 'HACKATHON_NOT_OPEN',
    });
    await expect(catalog.assertOpenForStudents(test.id, { asAdmin: true })).resolves.toMatchObject({
      open: true,
      countsUsage: false,
    });

    const early = await running(t, a.admin, aHackathon().startingAfter(now, HOUR).build());
    await expect(catalog.getForParticipation(early.id)).resolves.toMatchObject({
      open: false,
      closedReason: 'NOT_STARTED',
    });
    const late = await running(t, a.admin, aHackathon().endedBefore(now, HOUR).build());
    await expect(catalog.assertOpenForStudents(late.id)).rejects.toMatchObject({
      status: 409,
      code: 'HACKATHON_NOT_OPEN',
      message: expect.stringMatching(/terminé/),
    });

    await setStatus(t, a.admin, open.id, 'Terminé');
    await expect(catalog.getForParticipation(open.id)).resolves.toMatchObject({
      open: false,
      readOnly: true,
      statut: 'Terminé',
    });
    await setStatus(t, a.admin, open.id, 'Archivé');
    await expect(catalog.getForParticipation(open.id, { asAdmin: true })).resolves.toMatchObject({
      open: false,
      readOnly: true,
      statut: 'Archivé',
    });
  });

  it('unknown or malformed ids: 404 HACKATHON_NOT_FOUND', async () => {
    await expect(catalog.getForParticipation('0123456789abcdef01234567')).rejects.toMatchObject({
      status: 404,
      code: 'HACKATHON_NOT_FOUND',
    });
    await expect(catalog.assertOpenForStudents('pas-un-id')).rejects.toMatchObject({
      status: 404,
      code: 'HACKATHON_NOT_FOUND',
    });
  });

  it('gives names, statuses and anonymity of several hackathons at once', async () => {
    const x = await create(t, a.admin, aHackathon().named('X').anonymous().build());
    const y = await create(t, a.admin, aHackathon().named('Y').build());
    const rows = await catalog.findSummaries([x.id, y.id, '0123456789abcdef01234567', 'nope']);
    expect(rows.sort((p, q) => p.nom.localeCompare(q.nom))).toEqual([
      { id: x.id, nom: 'X', statut: 'Brouillon', anonymatActif: true },
      { id: y.id, nom: 'Y', statut: 'Brouillon', anonymatActif: false },
    ]);
  });
});
