import { anOpenHackathonBody } from './support/builders/hackathon-http';
import { createUser, TestUser } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

const API = '/api/v1/hackathons';

/** A task with checks: one public case, one hidden case whose every value is marked SECRET. */
const checkedTask = () => ({
  titre: 'Traduction',
  consigne: '# Consigne\nTraduisez **{{texte}}** en anglais.',
  systeme: 'Tu es un traducteur concis.',
  verification: {
    cas: [
      { entrees: { texte: 'Bonjour' }, attendu: [{ type: 'contient', valeur: 'Hello' }], public: true },
      {
        entrees: { texte: 'SECRET-INPUT merci beaucoup' },
        attendu: [
          { type: 'egal', valeur: 'SECRET-EXPECTED thank you' },
          { type: 'regex', valeur: '^SECRET-REGEX thank', flags: 'i' },
        ],
        public: false,
      },
    ],
    regles: [
      {
        type: 'json_schema',
        valeur: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['traduction'] },
      },
      { type: 'max_mots', valeur: 80 },
    ],
    maxTokensPrompt: 120,
    repetitions: 3,
    temperature: 0.2,
  },
});

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  return out;
}

describe('tasks with instructions and automatic checks (API 1.2)', () => {
  let t: TestApp;
  let admin: TestUser;
  let student: TestUser;
  let examiner: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ BCRYPT_ROUNDS: '4' });
    [admin, student, examiner] = await Promise.all([
      createUser(t, 'admin'),
      createUser(t, 'student'),
      createUser(t, 'examiner'),
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (body: object) => t.http().post(API).set('Authorization', admin.bearer).send(body);
  const running = async (overrides: Record<string, unknown>) => {
    const h = (await post(anOpenHackathonBody(overrides)).expect(201)).body.hackathon;
    await t
      .http()
      .post(`${API}/${h.id}/status`)
      .set('Authorization', admin.bearer)
      .send({ statut: 'En cours' })
      .expect(200);
    return h;
  };

  it('an admin defines a task with consigne, systeme and verification, models, ranking and a verification budget', async () => {
    const res = await post(
      anOpenHackathonBody({
        taches: ['Sans vérification', checkedTask()],
        modeles: ['mistral-small', 'gpt-4'],
        classement: { poidsNote: 0.5, poidsScore: 0.5 },
        quotas: { promptsParEtudiant: 10, tokensParEtudiant: 5000, tokensVerification: 50_000 },
      }),
    ).expect(201);
    const h = res.body.hackathon;
    expect(h.modeles).toEqual(['mistral-small', 'gpt-4']);
    expect(h.classement).toEqual({ poidsNote: 0.5, poidsScore: 0.5 });
    expect(h.quotas).toEqual({ promptsParEtudiant: 10, tokensParEtudiant: 5000, tokensVerification: 50_000 });
    expect(h.taches[0]).toEqual({
      id: expect.any(String),
      titre: 'Sans vérification',
      consigne: null,
      systeme: null,
      avecVerification: false,
      entrees: [],
      maxTokensPrompt: null,
      casPublics: [],
      verification: null,
    });
    const expected = checkedTask();
    expect(h.taches[1]).toEqual({
      id: expect.any(String),
      titre: 'Traduction',
      consigne: expected.consigne,
      systeme: expected.systeme,
      avecVerification: true,
      entrees: ['texte'],
      maxTokensPrompt: 120,
      casPublics: [{ entrees: { texte: 'Bonjour' }, attendu: [{ type: 'contient', valeur: 'Hello' }] }],
      verification: expected.verification,
    });
    // Stored as sent, `$schema` key included; examiners see the checks too.
    for (const who of [admin, examiner]) {
      const again = await t.http().get(`${API}/${h.id}`).set('Authorization', who.bearer).expect(200);
      expect(again.body.hackathon.taches[1].verification).toEqual(expected.verification);
    }
  });

  it('defaults: tokensVerification 200 000, classement {1, 0}, all models; a task keeps its checks when sent back as a title, loses them with null', async () => {
    const h = (await post(anOpenHackathonBody({ taches: [checkedTask()] })).expect(201)).body.hackathon;
    expect(h.quotas.tokensVerification).toBe(200_000);
    expect(h.classement).toEqual({ poidsNote: 1, poidsScore: 0 });
    expect(h.modeles).toEqual([]);

    const patch = (body: object) =>
      t.http().patch(`${API}/${h.id}`).set('Authorization', admin.bearer).send(body).expect(200);
    const kept = (await patch({ taches: ['Traduction'], quotas: { tokensVerification: 10 } })).body.hackathon;
    expect(kept.taches[0]).toMatchObject({
      id: h.taches[0].id,
      avecVerification: true,
      systeme: checkedTask().systeme,
    });
    expect(kept.quotas).toMatchObject({ tokensVerification: 10, promptsParEtudiant: 30 });
    const cleared = (await patch({ taches: [{ id: h.taches[0].id, titre: 'Traduction', verification: null }] })).body
      .hackathon;
    expect(cleared.taches[0]).toMatchObject({ id: h.taches[0].id, avecVerification: false, verification: null });
    expect(cleared.taches[0].consigne).toBe(checkedTask().consigne);
  });

  describe('400 INVALID_VERIFICATION names the exact path', () => {
    const withCase = (c: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
      titre: 'T',
      verification: { cas: [{ entrees: { texte: 'x' }, attendu: [{ type: 'contient', valeur: 'x' }], ...c }], ...more },
    });
    const rule = (r: unknown) => withCase({ attendu: [{ type: 'contient', valeur: 'ok' }, r] });
    const many = (n: number) => ({
      titre: 'T',
      verification: {
        cas: Array.from({ length: n }, () => ({ entrees: {}, attendu: [{ type: 'max_mots', valeur: 5 }] })),
      },
    });
    const at = 'taches[1].verification';

    it.each([
      ['an unknown rule type', rule({ type: 'commence_par', valeur: 'x' }), `${at}.cas[0].attendu[1].type`],
      ['a rule without type', rule({ valeur: 'x' }), `${at}.cas[0].attendu[1].type`],
      ['a rule that is not an object', rule('contient'), `${at}.cas[0].attendu[1]`],
      ['an empty contient', rule({ type: 'contient', valeur: '  ' }), `${at}.cas[0].attendu[1].valeur`],
      ['a contient that is not text', rule({ type: 'contient', valeur: 3 }), `${at}.cas[0].attendu[1].valeur`],
      ['0 cases', { titre: 'T', verification: { cas: [] } }, `${at}.cas`],
      ['21 cases', many(21), `${at}.cas`],
      ['no cases at all', { titre: 'T', verification: { regles: [] } }, `${at}.cas`],
      ['repetitions 0', withCase({}, { repetitions: 0 }), `${at}.repetitions`],
      ['repetitions 6', withCase({}, { repetitions: 6 }), `${at}.repetitions`],
      ['repetitions 1.5', withCase({}, { repetitions: 1.5 }), `${at}.repetitions`],
      ['repetitions "2"', withCase({}, { repetitions: '2' }), `${at}.repetitions`],
      ['regex flag g', rule({ type: 'regex', valeur: 'a', flags: 'g' }), `${at}.cas[0].attendu[1].flags`],
      ['regex flags gi', rule({ type: 'regex', valeur: 'a', flags: 'gi' }), `${at}.cas[0].attendu[1].flags`],
      ['regex flag m', rule({ type: 'regex', valeur: 'a', flags: 'm' }), `${at}.cas[0].attendu[1].flags`],
      ['an unsafe regex', rule({ type: 'regex', valeur: '^(a+)+$' }), `${at}.cas[0].attendu[1].valeur`],
      [
        'an unsafe regex (nested star)',
        rule({ type: 'regex', valeur: '(\\w*\\s*)*x' }),
        `${at}.cas[0].attendu[1].valeur`,
      ],
      ['an invalid regex', rule({ type: 'regex', valeur: '(abc' }), `${at}.cas[0].attendu[1].valeur`],
      ['a regex too long', rule({ type: 'regex', valeur: 'a'.repeat(501) }), `${at}.cas[0].attendu[1].valeur`],
      [
        'a json_schema ajv refuses (bad type)',
        rule({ type: 'json_schema', valeur: { type: 'objet' } }),
        `${at}.cas[0].attendu[1].valeur`,
      ],
      [
        'a json_schema with an unknown keyword',
        rule({ type: 'json_schema', valeur: { proprietes: {} } }),
        `${at}.cas[0].attendu[1].valeur`,
      ],
      [
        'a json_schema with an unresolvable $ref',
        rule({ type: 'json_schema', valeur: { $ref: 'https://ailleurs.example/s.json' } }),
        `${at}.cas[0].attendu[1].valeur`,
      ],
      [
        'a json_schema with an unsafe pattern',
        rule({ type: 'json_schema', valeur: { type: 'string', pattern: '(a+)+$' } }),
        `${at}.cas[0].attendu[1].valeur`,
      ],
      [
        'a json_schema that is not an object',
        rule({ type: 'json_schema', valeur: [] }),
        `${at}.cas[0].attendu[1].valeur`,
      ],
      ['max_mots 0', rule({ type: 'max_mots', valeur: 0 }), `${at}.cas[0].attendu[1].valeur`],
      ['max_mots -1', rule({ type: 'max_mots', valeur: -1 }), `${at}.cas[0].attendu[1].valeur`],
      ['max_mots 1.5', rule({ type: 'max_mots', valeur: 1.5 }), `${at}.cas[0].attendu[1].valeur`],
      ['max_mots "10"', rule({ type: 'max_mots', valeur: '10' }), `${at}.cas[0].attendu[1].valeur`],
      [
        'a rule with an unknown field',
        rule({ type: 'egal', valeur: 'x', casse: true }),
        `${at}.cas[0].attendu[1].casse`,
      ],
      [
        'a placeholder name with a space',
        withCase({ entrees: { 'mon texte': 'x' } }),
        `${at}.cas[0].entrees.mon texte`,
      ],
      ['a placeholder name starting with a digit', withCase({ entrees: { '1abc': 'x' } }), `${at}.cas[0].entrees.1abc`],
      ['a placeholder name with a dot', withCase({ entrees: { 'a.b': 'x' } }), `${at}.cas[0].entrees.a.b`],
      ['a placeholder name with braces', withCase({ entrees: { '{{x}}': 'x' } }), `${at}.cas[0].entrees.{{x}}`],
      ['an input that is not text', withCase({ entrees: { texte: 42 } }), `${at}.cas[0].entrees.texte`],
      ['entrees that are not an object', withCase({ entrees: ['x'] }), `${at}.cas[0].entrees`],
      ['public that is not a boolean', withCase({ public: 'oui' }), `${at}.cas[0].public`],
      ['a case that is not an object', { titre: 'T', verification: { cas: ['x'] } }, `${at}.cas[0]`],
      ['a case with an unknown field', withCase({ sortie: 'x' }), `${at}.cas[0].sortie`],
      ['a case no rule checks', withCase({ attendu: [] }), `${at}.cas[0].attendu`],
      [
        'cases filling different inputs',
        {
          titre: 'T',
          verification: {
            cas: [
              { entrees: { texte: 'a' }, attendu: [{ type: 'contient', valeur: 'a' }] },
              { entrees: { autre: 'b' }, attendu: [{ type: 'contient', valeur: 'b' }] },
            ],
          },
        },
        `${at}.cas[1].entrees`,
      ],
      ['an unknown verification field', withCase({}, { extra: 1 }), `${at}.extra`],
      ['regles that are not a list', withCase({}, { regles: { type: 'max_mots', valeur: 3 } }), `${at}.regles`],
      ['maxTokensPrompt 0', withCase({}, { maxTokensPrompt: 0 }), `${at}.maxTokensPrompt`],
      ['maxTokensPrompt 2.5', withCase({}, { maxTokensPrompt: 2.5 }), `${at}.maxTokensPrompt`],
      ['temperature 5 (outside GET /ai/models)', withCase({}, { temperature: 5 }), `${at}.temperature`],
      ['temperature "0.5"', withCase({}, { temperature: '0.5' }), `${at}.temperature`],
      ['a verification that is a list', { titre: 'T', verification: [] }, at],
      ['a verification that is text', { titre: 'T', verification: 'oui' }, at],
      ['a consigne over 20 000 characters', { titre: 'T', consigne: 'x'.repeat(20_001) }, 'taches[1].consigne'],
      ['a consigne that is not text', { titre: 'T', consigne: 12 }, 'taches[1].consigne'],
      ['a systeme over 20 000 characters', { titre: 'T', systeme: 's'.repeat(20_001) }, 'taches[1].systeme'],
    ])('%s', async (_label, task, path) => {
      const res = await post(anOpenHackathonBody({ taches: ['Première', task] }));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'INVALID_VERIFICATION' });
      expect(res.body.details[0]).toEqual({ field: path, messages: [expect.any(String)] });
      expect(res.body.message).toContain(path);
      expect(res.body.message).toMatch(/^Définition de tâche invalide — /);
    });

    it('lists every problem of a definition, each at its path', async () => {
      const res = await post(
        anOpenHackathonBody({
          taches: [
            {
              titre: 'T',
              verification: {
                cas: [
                  {
                    entrees: { texte: 'x' },
                    attendu: [
                      { type: 'max_mots', valeur: 0 },
                      { type: 'regex', valeur: '(a*)*' },
                    ],
                  },
                ],
                repetitions: 9,
              },
            },
          ],
        }),
      ).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
        'taches[0].verification.cas[0].attendu[0].valeur',
        'taches[0].verification.cas[0].attendu[1].valeur',
        'taches[0].verification.repetitions',
      ]);
    });

    it('PATCH checks a new definition the same way, and changes nothing when it is refused', async () => {
      const h = (await post(anOpenHackathonBody({ taches: [checkedTask()] })).expect(201)).body.hackathon;
      const res = await t
        .http()
        .patch(`${API}/${h.id}`)
        .set('Authorization', admin.bearer)
        .send({ taches: [{ id: h.taches[0].id, titre: 'Traduction', verification: { cas: [], repetitions: 0 } }] });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'INVALID_VERIFICATION' });
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
        'taches[0].verification.cas',
        'taches[0].verification.repetitions',
      ]);
      const after = await t.http().get(`${API}/${h.id}`).set('Authorization', admin.bearer).expect(200);
      expect(after.body.hackathon.taches[0].verification).toEqual(checkedTask().verification);
    });
  });

  it.each([
    ['an unknown model', { modeles: ['gpt-5'] }, 'modeles'],
    ['modeles that are not a list', { modeles: 'gpt-4' }, 'modeles'],
    ['a ranking weight above 1', { classement: { poidsNote: 1.5, poidsScore: 0 } }, 'classement.poidsNote'],
    ['a negative ranking weight', { classement: { poidsNote: 1, poidsScore: -0.1 } }, 'classement.poidsScore'],
    ['a ranking without poidsScore', { classement: { poidsNote: 1 } }, 'classement.poidsScore'],
    [
      'a negative verification budget',
      { quotas: { promptsParEtudiant: 1, tokensParEtudiant: 1, tokensVerification: -1 } },
      'quotas.tokensVerification',
    ],
  ])('%s → 400 VALIDATION_FAILED on %s', async (_label, overrides, field) => {
    const res = await post(anOpenHackathonBody(overrides));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  describe('a student never receives a task’s verification nor its hidden cases', () => {
    let h: any;
    beforeAll(async () => {
      h = await running({ taches: ['Libre', checkedTask()] });
    });

    const readAll = async (who: TestUser) => [
      (await t.http().get(`${API}/${h.id}`).set('Authorization', who.bearer).expect(200)).body,
      (await t.http().get(API).query({ limit: 100 }).set('Authorization', who.bearer).expect(200)).body,
      (await t.http().get(`${API}/active`).set('Authorization', who.bearer).expect(200)).body,
      (await t.http().get(API).query({ q: h.nom }).set('Authorization', who.bearer).expect(200)).body,
    ];

    it('GET /hackathons/:id, /hackathons (and ?q=), /hackathons/active: public cases only, no verification key anywhere', async () => {
      const bodies = await readAll(student);
      for (const body of bodies) {
        const text = JSON.stringify(body);
        expect(text).toContain(h.id);
        expect(keysOf(body).has('verification')).toBe(false);
        expect(text).not.toMatch(/SECRET/);
        expect(text).not.toMatch(/json-schema|max_mots|regex/);
      }
      const [one] = bodies;
      expect(one.hackathon.taches[1]).toEqual({
        id: h.taches[1].id,
        titre: 'Traduction',
        consigne: checkedTask().consigne,
        systeme: checkedTask().systeme,
        avecVerification: true,
        entrees: ['texte'],
        maxTokensPrompt: 120,
        casPublics: [{ entrees: { texte: 'Bonjour' }, attendu: [{ type: 'contient', valeur: 'Hello' }] }],
      });
    });

    it('the same routes give admins and examiners the whole definition', async () => {
      for (const who of [admin, examiner]) {
        for (const body of await readAll(who)) expect(JSON.stringify(body)).toContain('SECRET-EXPECTED');
      }
    });
  });

  describe('POST /conversations with a model outside the hackathon’s modeles', () => {
    let h: any;
    beforeAll(async () => {
      h = await running({ modeles: ['mistral-small', 'gpt-4'] });
    });
    const open = (body: Record<string, unknown>) =>
      t
        .http()
        .post('/api/v1/conversations')
        .set('Authorization', student.bearer)
        .send({ hackathonId: h.id, tacheId: h.taches[0].id, ...body });

    it('answers 400 MODEL_NOT_ALLOWED naming the allowed models', async () => {
      const res = await open({ modelName: 'gpt-3.5-turbo' });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'MODEL_NOT_ALLOWED' });
      expect(res.body.message).toContain('mistral-small, gpt-4');
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'modelName', allowed: ['mistral-small', 'gpt-4'] }),
      ]);
    });

    it('an unknown model stays 400 VALIDATION_FAILED; an allowed one, or none (the first allowed), opens the conversation', async () => {
      expect((await open({ modelName: 'gpt-5' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await open({ modelName: 'gpt-4' }).expect(201)).body.conversation.modelName).toBe('gpt-4');
      expect((await open({}).expect(201)).body.conversation.modelName).toBe('mistral-small');
    });

    it('a hackathon without modeles allows every model', async () => {
      const free = await running({});
      await t
        .http()
        .post('/api/v1/conversations')
        .set('Authorization', student.bearer)
        .send({ hackathonId: free.id, tacheId: free.taches[0].id, modelName: 'gpt-3.5-turbo' })
        .expect(201);
    });
  });
});
