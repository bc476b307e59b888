import { createUser, TestUser } from './support/auth';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { answeredConversationVia, fakeLlmEnv, openHackathonVia } from './support/full-stack';
import { startTestApp, TestApp } from './support/test-app';
import { until } from './support/wait';

/**
 * A teacher's try of the checks does not wait behind a class's submissions: the submissions'
 * replays share VERIFICATION_RUNS_AT_ONCE, the tries have their own calls at once
 * (VERIFICATION_TRIES_AT_ONCE). Here one call at a time for the submissions, each call slow:
 * a try started while a submission's checks are running ends before them.
 */
const checkedTask = {
  titre: 'Traduction vérifiée',
  consigne: 'Traduisez {{texte}}.',
  verification: {
    cas: [
      { entrees: { texte: 'LANE-un' }, attendu: [{ type: 'contient', valeur: 'LANE-un' }], public: true },
      { entrees: { texte: 'LANE-deux' }, attendu: [{ type: 'contient', valeur: 'LANE-deux' }], public: false },
    ],
    // 2 cases × 5 repetitions: the submission's 10 runs wait in turn for the one call at once
    // (~15 s), a margin a loaded machine keeps for the try's 2 calls.
    repetitions: 5,
  },
};

describe('a teacher’s try of the checks has its own lane (VERIFICATION_TRIES_AT_ONCE)', () => {
  let llm: FakeLlm;
  let t: TestApp;
  let admin: TestUser;
  let student: TestUser;

  const api = (method: 'get' | 'post' | 'put', path: string, who: TestUser) =>
    (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
  const submissionChecks = async (conversationId: string) =>
    (await api('get', `/conversations/${conversationId}`, admin).expect(200)).body.conversation.versionFinale
      .verification;

  beforeAll(async () => {
    llm = await startFakeLlm();
    t = await startTestApp({
      ...fakeLlmEnv(llm),
      AI_TIMEOUT_MS: '60000',
      BCRYPT_ROUNDS: '4',
      VERIFICATION_RUNS_AT_ONCE: '1',
    });
    [admin, student] = await Promise.all([createUser(t, 'admin'), createUser(t, 'student')]);
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  it('a try started while a submission’s checks run ends before them', async () => {
    const h = await openHackathonVia(api, admin, { taches: [checkedTask] });
    const { id, messageId } = await answeredConversationVia(api, student, h);

    // Every call from now on is slow: the submission's runs hold the one call at once in turn.
    llm.setLatency({ latencyMs: 1500 });
    await api('put', `/conversations/${id}/final`, student)
      .send({ promptFinal: 'Traduis {{texte}}', messageId })
      .expect(200);
    await until(
      async () => llm.requests.some((r) => r.lastUserMessage?.startsWith('Traduis LANE-')),
      'premier appel de la vérification de la soumission',
    );

    const { essaiId } = (
      await api('post', `/hackathons/${h.id}/verifications/essais`, admin)
        .send({ tacheId: h.tacheId, prompt: 'Essaie {{texte}}' })
        .expect(202)
    ).body;
    const essai = await until(async () => {
      const e = (await api('get', `/hackathons/${h.id}/verifications/essais/${essaiId}`, admin).expect(200)).body.essai;
      return e.statut === 'en_attente' ? null : e;
    }, `fin de l’essai ${essaiId}`);
    const checksWhenTryEnded = await submissionChecks(id);

    expect(essai).toEqual(expect.objectContaining({ statut: 'terminee', reussis: 2, total: 2 }));
    // The submission's checks were still running: the try did not wait behind them.
    expect(checksWhenTryEnded.statut).toBe('en_attente');

    // They end too, every run done.
    const checks = await until(async () => {
      const v = await submissionChecks(id);
      return v.statut === 'en_attente' ? null : v;
    }, 'fin de la vérification de la soumission');
    expect(checks).toEqual(expect.objectContaining({ statut: 'terminee', score: 1 }));
  });
});
