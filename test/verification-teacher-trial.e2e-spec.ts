import { Types } from 'mongoose';
import { createUser, TestUser } from './support/auth';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { fakeLlmEnv, openHackathonVia } from './support/full-stack';
import { startTestApp, TestApp } from './support/test-app';
import { until } from './support/wait';

/**
 * A teacher tries a task's checks on a sample prompt before students see them (API 1.2, "try
 * it"): POST /hackathons/:id/verifications/essais runs every case (hidden ones too) once
 * through the AI queue, charged to the hackathon's verification budget and to no student.
 *
 * The fake LLM quotes the prompt it gets (test/support/fake-llm/fake-llm.script.ts): a case
 * whose `contient` names its own input passes, one that expects another text fails.
 */
const checks = {
  cas: [
    { entrees: { texte: 'PUB-bonjour' }, attendu: [{ type: 'contient', valeur: 'PUB-bonjour' }], public: true },
    { entrees: { texte: 'HID-cache' }, attendu: [{ type: 'contient', valeur: 'HID-autre-chose' }], public: false },
  ],
  regles: [{ type: 'max_mots', valeur: 400 }],
  repetitions: 3,
};
const checkedTask = { titre: 'Traduction vérifiée', verification: checks };
const PROMPT = 'Traduis {{texte}}';

describe('a teacher tries a task’s checks on a sample prompt (API 1.2)', () => {
  let llm: FakeLlm;
  let t: TestApp;
  let admin: TestUser;
  let student: TestUser;
  let examiner: TestUser;

  const api = (method: 'get' | 'post' | 'patch', path: string, who: TestUser) =>
    (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
  const budget = async (id: string) =>
    (await api('get', `/hackathons/${id}/verifications/budget`, admin).expect(200)).body.budget;
  const ended = (hackathonId: string, essaiId: string) =>
    until(async () => {
      const e = (await api('get', `/hackathons/${hackathonId}/verifications/essais/${essaiId}`, admin).expect(200)).body
        .essai;
      return e.statut === 'en_attente' ? null : e;
    }, `fin de l’essai ${essaiId}`);

  beforeAll(async () => {
    llm = await startFakeLlm();
    t = await startTestApp({ ...fakeLlmEnv(llm), AI_TIMEOUT_MS: '60000', BCRYPT_ROUNDS: '4' });
    [admin, student, examiner] = await Promise.all([
      createUser(t, 'admin'),
      createUser(t, 'student'),
      createUser(t, 'examiner'),
    ]);
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  it('runs every case once, hidden ones too, and charges exactly what its runs cost to the hackathon’s budget', async () => {
    const h = await openHackathonVia(api, admin, { taches: [checkedTask] });
    expect(await budget(h.id)).toEqual({ limite: 200_000, utilises: 0, restants: 200_000 });

    const { essaiId } = (
      await api('post', `/hackathons/${h.id}/verifications/essais`, admin)
        .send({ tacheId: h.tacheId, prompt: PROMPT })
        .expect(202)
    ).body;
    const essai = await ended(h.id, essaiId);
    expect(essai).toEqual({
      id: essaiId,
      hackathonId: h.id,
      tacheId: h.tacheId,
      prompt: PROMPT,
      modelName: expect.any(String),
      statut: 'terminee',
      score: 0.5,
      tokensPrompt: expect.any(Number),
      reussis: 1,
      total: 2,
      cas: [
        {
          public: true,
          entrees: { texte: 'PUB-bonjour' },
          attendu: [{ type: 'contient', valeur: 'PUB-bonjour' }],
          reussi: true,
          reponse: expect.stringContaining('PUB-bonjour'),
          raisons: [],
        },
        {
          public: false,
          entrees: { texte: 'HID-cache' },
          attendu: [{ type: 'contient', valeur: 'HID-autre-chose' }],
          reussi: false,
          reponse: expect.any(String),
          raisons: [expect.stringContaining('HID-autre-chose')],
        },
      ],
      raison: null,
      tokensFactures: expect.any(Number),
      createdAt: expect.any(String),
      finishedAt: expect.any(String),
    });

    // Once per case, whatever the task's repetitions; what the runs used is what the budget holds.
    const runs = await t.connection
      .collection('verification_runs')
      .find({ conversationId: new Types.ObjectId(essaiId) })
      .toArray();
    expect(runs).toHaveLength(2);
    const used = runs.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0);
    expect(used).toBeGreaterThan(0);
    expect(essai.tokensFactures).toBe(used);
    expect(await budget(h.id)).toEqual({ limite: 200_000, utilises: used, restants: 200_000 - used });
    // Never a student's quota: the hackathon's usage ledger has nothing.
    expect(
      await t.connection.collection('usage_ledger').countDocuments({ hackathonId: new Types.ObjectId(h.id) }),
    ).toBe(0);
  });

  it('tries a definition the teacher has not saved, with its system prompt, in a draft hackathon', async () => {
    const h = (await api('post', '/hackathons', admin).send(draftBody()).expect(201)).body.hackathon;
    const { essaiId } = (
      await api('post', `/hackathons/${h.id}/verifications/essais`, admin)
        .send({
          prompt: 'Résume {{sujet}}',
          systeme: 'Tu es bref.',
          verification: {
            cas: [{ entrees: { sujet: 'la-photosynthese' }, attendu: [{ type: 'contient', valeur: 'photosynthese' }] }],
          },
        })
        .expect(202)
    ).body;
    const essai = await ended(h.id, essaiId);
    expect(essai).toEqual(
      expect.objectContaining({ tacheId: null, statut: 'terminee', score: 1, reussis: 1, total: 1 }),
    );
    expect(essai.cas[0]).toEqual(expect.objectContaining({ public: false, reussi: true }));
  });

  it('a spent budget ends the try budget_epuise, charging nothing', async () => {
    const h = await openHackathonVia(api, admin, {
      taches: [checkedTask],
      quotas: { promptsParEtudiant: 30, tokensParEtudiant: 100000, tokensVerification: 1 },
    });
    const { essaiId } = (
      await api('post', `/hackathons/${h.id}/verifications/essais`, admin)
        .send({ tacheId: h.tacheId, prompt: PROMPT })
        .expect(202)
    ).body;
    const essai = await ended(h.id, essaiId);
    expect(essai).toEqual(
      expect.objectContaining({
        statut: 'budget_epuise',
        score: null,
        reussis: 0,
        tokensFactures: 0,
        raison: expect.objectContaining({ code: 'BUDGET_EPUISE' }),
      }),
    );
    expect(essai.cas.map((c: { reussi: unknown }) => c.reussi)).toEqual([null, null]);
    expect(await budget(h.id)).toEqual({ limite: 1, utilises: 0, restants: 1 });
  });

  it('a prompt over maxTokensPrompt scores 0 without running', async () => {
    const h = await openHackathonVia(api, admin, {
      taches: [{ ...checkedTask, verification: { ...checks, maxTokensPrompt: 2 } }],
    });
    const { essaiId } = (
      await api('post', `/hackathons/${h.id}/verifications/essais`, admin)
        .send({ tacheId: h.tacheId, prompt: `${PROMPT} avec beaucoup trop de mots pour la limite` })
        .expect(202)
    ).body;
    const essai = await ended(h.id, essaiId);
    expect(essai).toEqual(
      expect.objectContaining({
        statut: 'terminee',
        score: 0,
        raison: expect.objectContaining({ code: 'PROMPT_TOO_LONG' }),
        tokensFactures: 0,
      }),
    );
  });

  describe('refused', () => {
    let h: { id: string; tacheId: string };
    beforeAll(async () => {
      h = await openHackathonVia(api, admin, { taches: [checkedTask, 'Sans vérification'] });
    });
    const start = (body: object, who: TestUser = admin) =>
      api('post', `/hackathons/${h.id}/verifications/essais`, who).send(body);

    it('to anyone but an admin: 403', async () => {
      for (const who of [student, examiner]) {
        expect((await start({ tacheId: h.tacheId, prompt: PROMPT }, who).expect(403)).body.code).toBe('FORBIDDEN');
      }
      const { essaiId } = (await start({ tacheId: h.tacheId, prompt: PROMPT }).expect(202)).body;
      await api('get', `/hackathons/${h.id}/verifications/essais/${essaiId}`, student).expect(403);
      await api('get', `/hackathons/${h.id}/verifications/budget`, examiner).expect(403);
    });

    it('an unknown hackathon: 404 HACKATHON_NOT_FOUND; a malformed id: 400 INVALID_ID', async () => {
      const other = String(new Types.ObjectId());
      const res = await api('post', `/hackathons/${other}/verifications/essais`, admin)
        .send({ tacheId: h.tacheId, prompt: PROMPT })
        .expect(404);
      expect(res.body.code).toBe('HACKATHON_NOT_FOUND');
      expect(
        (await api('post', `/hackathons/nope/verifications/essais`, admin).send({ prompt: PROMPT }).expect(400)).body
          .code,
      ).toBe('INVALID_ID');
      expect((await api('get', `/hackathons/${other}/verifications/budget`, admin).expect(404)).body.code).toBe(
        'HACKATHON_NOT_FOUND',
      );
    });

    it('an unknown task: 400 VALIDATION_FAILED on tacheId; a malformed one too', async () => {
      const res = await start({ tacheId: String(new Types.ObjectId()), prompt: PROMPT }).expect(400);
      expect(res.body).toEqual(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          details: [expect.objectContaining({ field: 'tacheId' })],
        }),
      );
      expect((await start({ tacheId: 'x', prompt: PROMPT }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('an unknown try, or one of another hackathon: 404 ESSAI_NOT_FOUND', async () => {
      const other = await openHackathonVia(api, admin, { taches: [checkedTask] });
      const { essaiId } = (
        await api('post', `/hackathons/${other.id}/verifications/essais`, admin)
          .send({ tacheId: other.tacheId, prompt: PROMPT })
          .expect(202)
      ).body;
      for (const id of [essaiId, String(new Types.ObjectId())])
        expect((await api('get', `/hackathons/${h.id}/verifications/essais/${id}`, admin).expect(404)).body.code).toBe(
          'ESSAI_NOT_FOUND',
        );
    });

    it('an invalid definition: 400 INVALID_VERIFICATION naming each path', async () => {
      const res = await start({
        prompt: PROMPT,
        verification: {
          cas: [
            { entrees: { texte: 'a' }, attendu: [{ type: 'regex', valeur: '(a+)+$' }] },
            { entrees: { texte: 'b' }, attendu: [{ type: 'max_mots', valeur: -1 }] },
          ],
          repetitions: 9,
        },
      }).expect(400);
      expect(res.body.code).toBe('INVALID_VERIFICATION');
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'verification.cas[0].attendu[0].valeur',
        'verification.cas[1].attendu[0].valeur',
        'verification.repetitions',
      ]);
      const systeme = await start({ prompt: PROMPT, tacheId: h.tacheId, systeme: 42 }).expect(400);
      expect(systeme.body).toEqual(
        expect.objectContaining({
          code: 'INVALID_VERIFICATION',
          details: [expect.objectContaining({ field: 'systeme' })],
        }),
      );
    });

    it('no definition to try: 400 INVALID_VERIFICATION on verification', async () => {
      const h2 = (await api('get', `/hackathons/${h.id}`, admin).expect(200)).body.hackathon;
      const plain = h2.taches.find((x: { titre: string }) => x.titre === 'Sans vérification').id;
      for (const body of [{ prompt: PROMPT, tacheId: plain }, { prompt: PROMPT }]) {
        const res = await start(body).expect(400);
        expect(res.body).toEqual(
          expect.objectContaining({
            code: 'INVALID_VERIFICATION',
            details: [expect.objectContaining({ field: 'verification' })],
          }),
        );
      }
    });

    it('placeholders that do not match the cases’ inputs: 400 PROMPT_PLACEHOLDERS on prompt', async () => {
      const res = await start({ tacheId: h.tacheId, prompt: 'Traduis {{phrase}}' }).expect(400);
      expect(res.body).toEqual(
        expect.objectContaining({
          code: 'PROMPT_PLACEHOLDERS',
          details: [expect.objectContaining({ field: 'prompt', missing: ['phrase'], unused: ['texte'] })],
        }),
      );
    });

    it('an empty prompt, or an unknown field: 400 VALIDATION_FAILED', async () => {
      expect((await start({ tacheId: h.tacheId, prompt: '  ' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await start({ tacheId: h.tacheId, prompt: PROMPT, extra: 1 }).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
    });
  });
});

function draftBody() {
  const debut = new Date(Date.now() + 86_400_000);
  return {
    nom: 'Brouillon à vérifier',
    description: '',
    objectifs: '',
    dates: { debut: debut.toISOString(), fin: new Date(debut.getTime() + 7_200_000).toISOString() },
    anonymatActif: false,
    quotas: { promptsParEtudiant: 10, tokensParEtudiant: 10000 },
    taches: ['Une tâche'],
  };
}
