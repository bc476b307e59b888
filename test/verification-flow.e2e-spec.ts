import { Types } from 'mongoose';
import { JobQueue } from '../libs/queue';
import { VerificationBudget } from '../src/verification';
import { createUser, TestUser } from './support/auth';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { answeredConversationVia, assignExaminersVia, fakeLlmEnv, openHackathonVia } from './support/full-stack';
import { openSse, SseEvent } from './support/sse';
import { startTestApp, TestApp } from './support/test-app';
import { until } from './support/wait';

/**
 * The automatic checks of API 1.2 through the public surface: a final version's checks replayed
 * by the AI queue and charged to the hackathon's budget; tries on public cases charged to the
 * student; the ranking; and invariant 10 — no hidden input, expected value or answer reaches a
 * student by any route.
 *
 * The fake LLM quotes the prompt it gets (test/support/fake-llm/fake-llm.script.ts): a case
 * whose `contient` names its own input passes, one that expects another text fails.
 */
const HIDDEN = 'HID';
const checkedTask = (overrides: Record<string, unknown> = {}) => ({
  titre: 'Traduction vérifiée',
  consigne: 'Traduisez {{texte}}.',
  verification: {
    cas: [
      { entrees: { texte: 'PUB-bonjour' }, attendu: [{ type: 'contient', valeur: 'PUB-bonjour' }], public: true },
      {
        entrees: { texte: 'HID-entree-cachee' },
        attendu: [{ type: 'contient', valeur: 'HID-attendu-cache' }],
        public: false,
      },
    ],
    regles: [{ type: 'max_mots', valeur: 400 }],
    repetitions: 1,
    ...overrides,
  },
});
const PROMPT = 'Traduis {{texte}}';

describe('automatic checks of final versions, tries and ranking (API 1.2)', () => {
  let llm: FakeLlm;
  let t: TestApp;
  let admin: TestUser;

  const api = (method: 'get' | 'post' | 'put' | 'patch', path: string, who: TestUser) =>
    (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);

  beforeAll(async () => {
    llm = await startFakeLlm();
    t = await startTestApp({ ...fakeLlmEnv(llm), AI_TIMEOUT_MS: '60000', BCRYPT_ROUNDS: '4' });
    admin = await createUser(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  const openChecked = async (overrides: Record<string, unknown> = {}, task: object = checkedTask()) => {
    const h = await openHackathonVia(api, admin, { taches: [task], ...overrides });
    return h;
  };

  /** A student's conversation with one answered prompt: what a final version needs. */
  const answered = (student: TestUser, h: { id: string; tacheId: string }) => answeredConversationVia(api, student, h);

  const submit = (student: TestUser, c: { id: string; messageId: string }, promptFinal = PROMPT) =>
    api('put', `/conversations/${c.id}/final`, student).send({ promptFinal, messageId: c.messageId });

  const asAdmin = async (conversationId: string) =>
    (await api('get', `/conversations/${conversationId}`, admin).expect(200)).body.conversation;
  const checksEnded = (conversationId: string) =>
    until(async () => {
      const v = (await asAdmin(conversationId)).versionFinale?.verification;
      return v && v.statut !== 'en_attente' ? v : null;
    }, `fin de la vérification de ${conversationId}`);

  const runs = (filter: Record<string, unknown>) => t.connection.collection('verification_runs').find(filter).toArray();
  const ledgerSum = async (hackathonId: string) =>
    (
      await t.connection
        .collection('verification_ledger')
        .find({ hackathonId: new Types.ObjectId(hackathonId) })
        .toArray()
    ).reduce((s, r) => s + r.tokens, 0);
  const spent = (hackathonId: string) => t.app.get(VerificationBudget).spentOf(hackathonId);

  async function jobDone(queue: 'ai' | 'admin', jobId: string) {
    const jobs = t.app.get(JobQueue);
    return until(async () => {
      const job = await jobs.getJob(queue, jobId);
      return job && (await job.getState()) === 'completed' ? job : null;
    }, `job ${jobId}`);
  }

  it('a submission runs its checks on the AI queue, charged to the budget, and says so on the stream', async () => {
    const student = await createUser(t, 'student');
    const h = await openChecked();
    const c = await answered(student, h);
    const sse = openSse(`${t.url}/api/v1/conversations/${c.id}/stream`, { Authorization: student.bearer });
    await sse.ready;
    // The teacher's dashboard says it too.
    const board = openSse(`${t.url}/api/v1/hackathons/${h.id}/dashboard/stream`, { Authorization: admin.bearer });
    await board.ready;

    const res = await submit(student, c).expect(200);
    expect(res.body.conversation.versionFinale.verification).toEqual({
      statut: 'en_attente',
      score: null,
      tokensPrompt: expect.any(Number),
      reussis: null,
      total: null,
      cas: [{ public: true, reussi: false, executions: [] }],
      raison: null,
    });
    const event = await sse.waitFor((e) => e.event === 'verification');
    sse.close();
    // The student's view: the public case only, no score before publication.
    expect(event.data).toEqual({
      conversationId: c.id,
      verification: {
        statut: 'terminee',
        score: null,
        tokensPrompt: expect.any(Number),
        reussis: null,
        total: null,
        cas: [{ public: true, reussi: true, executions: [{ reussi: true, reponse: expect.any(String), raisons: [] }] }],
        raison: null,
      },
    });
    expect(JSON.stringify(event.data)).not.toContain(HIDDEN);
    const told = await board.waitFor((e) => e.event === 'verification');
    board.close();
    expect(told.data).toEqual({ studentId: student.id, conversationId: c.id, statut: 'terminee', score: 0.5 });

    // Staff see every case: the hidden one failed (the model quoted its input, not the expected text).
    const full = await checksEnded(c.id);
    expect(full).toEqual(
      expect.objectContaining({ statut: 'terminee', score: 0.5, reussis: 1, total: 2, raison: null }),
    );
    expect(full.cas[1].public).toBe(false);
    expect(full.cas[1].executions[0].reponse).toContain('HID-entree-cachee');
    expect(full.cas[1].executions[0].raisons.join(' ')).toContain('HID-attendu-cache');
    const sub = (await api('get', `/submissions/${c.id}`, admin).expect(200)).body.submission;
    expect(sub.versionFinale.verification.cas).toHaveLength(2);

    // Charged to the hackathon's budget, never to the student.
    const recorded = await runs({ conversationId: new Types.ObjectId(c.id) });
    expect(recorded).toHaveLength(2);
    const charged = recorded.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0);
    expect(await spent(h.id)).toBe(charged);
    expect(await ledgerSum(h.id)).toBe(charged);
    const quota = (await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body;
    expect(quota.promptsUsed).toBe(1);

    // The same job run again (a retry, a crash's redelivery): same summary, nothing run nor charged again.
    const calls = llm.requests.length;
    await t.app.get(JobQueue).enqueue(
      'ai',
      'verify-submission',
      { conversationId: c.id, hackathonId: h.id },
      {
        jobId: `verify-${c.id}-encore`,
      },
    );
    await jobDone('ai', `verify-${c.id}-encore`);
    expect(await checksEnded(c.id)).toEqual(full);
    expect(llm.requests.length).toBe(calls);
    expect(await spent(h.id)).toBe(charged);
    expect(await runs({ conversationId: new Types.ObjectId(c.id) })).toHaveLength(2);
  });

  it("three runs of one submission's job racing (a redelivered job): each case recorded and charged once", async () => {
    const student = await createUser(t, 'student');
    const h = await openChecked();
    const c = await answered(student, h);
    await submit(student, c).expect(200);
    const queue = t.app.get(JobQueue);
    await Promise.all(
      ['b', 'c'].map((run) =>
        queue.enqueue(
          'ai',
          'verify-submission',
          { conversationId: c.id, hackathonId: h.id },
          { jobId: `verify-${c.id}-${run}` },
        ),
      ),
    );
    await Promise.all(['0', 'b', 'c'].map((run) => jobDone('ai', `verify-${c.id}-${run}`)));
    const v = await checksEnded(c.id);
    expect(v).toEqual(expect.objectContaining({ statut: 'terminee', score: 0.5 }));
    const recorded = await runs({ conversationId: new Types.ObjectId(c.id) });
    expect(recorded.map((r) => r.cas).sort()).toEqual([0, 1]);
    const charged = recorded.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0);
    expect(await spent(h.id)).toBe(charged);
    expect(await ledgerSum(h.id)).toBe(charged);
  });

  it('a provider error on the first calls: the queue retries, the checks and the try end terminee, charged once', async () => {
    const student = await createUser(t, 'student');
    const h = await openChecked();
    const c = await answered(student, h);
    await submit(student, c, 'Traduis {{texte}} [fake-llm:503*1]').expect(200);
    const v = await checksEnded(c.id);
    expect(v).toEqual(expect.objectContaining({ statut: 'terminee', score: 0.5 }));
    const recorded = await runs({ conversationId: new Types.ObjectId(c.id) });
    expect(recorded).toHaveLength(2);
    const charged = recorded.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0);
    expect(await spent(h.id)).toBe(charged);
    expect(await ledgerSum(h.id)).toBe(charged);
    expect(
      llm.requests.filter((r) => r.lastUserMessage?.endsWith('[fake-llm:503*1]') && r.outcome === 'http_503').length,
    ).toBeGreaterThanOrEqual(2);

    // A try whose case fails once: retried, and the student pays for the call that answered, once.
    const before = (await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body;
    const prompt = 'Essaie {{texte}} [fake-llm:503*1]';
    const { essaiId } = (await api('post', `/conversations/${c.id}/essais`, student).send({ prompt }).expect(202)).body;
    const essai = await until(async () => {
      const e = (await api('get', `/conversations/${c.id}/essais/${essaiId}`, student).expect(200)).body.essai;
      return e.statut !== 'en_attente' ? e : null;
    }, 'fin de l’essai');
    expect(essai).toEqual(expect.objectContaining({ statut: 'terminee', reussis: 1, total: 1 }));
    const answeredCall = llm.requests.filter(
      (r) => r.lastUserMessage === 'Essaie PUB-bonjour [fake-llm:503*1]' && r.outcome === 'ok',
    );
    expect(answeredCall).toHaveLength(1);
    const after = (await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body;
    expect(after.promptsUsed).toBe(before.promptsUsed + 1);
    expect(after.tokensUsed - before.tokensUsed).toBe(answeredCall[0].usage!.total_tokens);
  });

  it('placeholders that do not match the cases: 400 PROMPT_PLACEHOLDERS naming them, nothing submitted', async () => {
    const student = await createUser(t, 'student');
    const h = await openChecked();
    const c = await answered(student, h);
    const res = await submit(student, c, 'Traduis {{phrase}}').expect(400);
    expect(res.body.code).toBe('PROMPT_PLACEHOLDERS');
    expect(res.body.message).toContain('{{phrase}}');
    expect(res.body.message).toContain('{{texte}}');
    expect(JSON.stringify(res.body)).not.toContain(HIDDEN);
    expect((await asAdmin(c.id)).versionFinale).toBeNull();
    await submit(student, c).expect(200);
  });

  it('a prompt over maxTokensPrompt scores 0 with PROMPT_TOO_LONG, without a single call', async () => {
    const student = await createUser(t, 'student');
    const h = await openChecked({}, checkedTask({ maxTokensPrompt: 3 }));
    const c = await answered(student, h);
    const calls = llm.requests.length;
    await submit(student, c, 'Traduis soigneusement et fidèlement en anglais ceci : {{texte}}').expect(200);
    const v = await checksEnded(c.id);
    expect(v).toEqual(
      expect.objectContaining({
        statut: 'terminee',
        score: 0,
        raison: expect.objectContaining({ code: 'PROMPT_TOO_LONG' }),
      }),
    );
    expect(llm.requests.length).toBe(calls);
    expect(await spent(h.id)).toBe(0);
  });

  it('50 concurrent submissions: every run once, the sum of the charges is what the budget used', async () => {
    const h = await openChecked();
    const students = await Promise.all(Array.from({ length: 50 }, () => createUser(t, 'student')));
    const conversations = await Promise.all(students.map((s) => answered(s, h)));
    await Promise.all(students.map((s, i) => submit(s, conversations[i]).expect(200)));
    for (const c of conversations) expect((await checksEnded(c.id)).statut).toBe('terminee');

    const recorded = await runs({ hackathonId: new Types.ObjectId(h.id) });
    expect(recorded).toHaveLength(100);
    expect(new Set(recorded.map((r) => `${r.conversationId}:${r.cas}:${r.repetition}`)).size).toBe(100);
    const charged = recorded.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0);
    expect(await spent(h.id)).toBe(charged);
    expect(await ledgerSum(h.id)).toBe(charged);
  });

  it('a spent budget ends budget_epuise; raised, the admin re-run ends terminee', async () => {
    const student = await createUser(t, 'student');
    const h = await openChecked({
      quotas: { promptsParEtudiant: 30, tokensParEtudiant: 100000, tokensVerification: 1 },
    });
    const c = await answered(student, h);
    await submit(student, c).expect(200);
    const stopped = await checksEnded(c.id);
    expect(stopped).toEqual(
      expect.objectContaining({
        statut: 'budget_epuise',
        score: null,
        raison: expect.objectContaining({ code: 'BUDGET_EPUISE' }),
      }),
    );
    expect(await spent(h.id)).toBe(0);

    // Bad inputs of the re-run route.
    await api('post', `/hackathons/nope/verifications`, admin).expect(400);
    expect((await api('post', `/hackathons/${new Types.ObjectId()}/verifications`, admin).expect(404)).body.code).toBe(
      'HACKATHON_NOT_FOUND',
    );
    await api('post', `/hackathons/${h.id}/verifications`, student).expect(403);

    await api('patch', `/hackathons/${h.id}`, admin)
      .send({ quotas: { tokensVerification: 100_000 } })
      .expect(200);
    const { jobId } = (await api('post', `/hackathons/${h.id}/verifications`, admin).expect(202)).body;
    const report = await until(async () => {
      const r = (await api('get', `/admin/jobs/${jobId}`, admin).expect(200)).body;
      return r.state === 'completed' ? r : null;
    }, 'relance des vérifications');
    expect(report).toEqual(
      expect.objectContaining({
        name: 'rerun-verifications',
        progress: 100,
        result: { total: 1, terminees: 1, budgetEpuise: 0, echecs: 0, reprises: 0 },
      }),
    );
    expect(await asAdmin(c.id)).toEqual(
      expect.objectContaining({
        versionFinale: expect.objectContaining({
          verification: expect.objectContaining({ statut: 'terminee', score: 0.5, raison: null }),
        }),
      }),
    );
    const charged = (await runs({ conversationId: new Types.ObjectId(c.id) })).reduce(
      (s, r) => s + r.promptTokens + r.completionTokens,
      0,
    );
    expect(await spent(h.id)).toBe(charged);
  });

  it('tries run the public cases only, charged to the student like sends (429 when they do not fit)', async () => {
    const student = await createUser(t, 'student');
    const other = await createUser(t, 'student');
    const h = await openChecked();
    const c = await answered(student, h);
    const before = (await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body;
    const hiddenCallsBefore = llm.requests.filter((r) => r.lastUserMessage?.includes('HID-')).length;
    const sse = openSse(`${t.url}/api/v1/conversations/${c.id}/stream`, { Authorization: student.bearer });
    await sse.ready;

    const { essaiId } = (
      await api('post', `/conversations/${c.id}/essais`, student).send({ prompt: PROMPT }).expect(202)
    ).body;
    const event = await sse.waitFor((e) => e.event === 'essai');
    sse.close();
    const got = (await api('get', `/conversations/${c.id}/essais/${essaiId}`, student).expect(200)).body.essai;
    expect(event.data.essai).toEqual(got);
    expect(got).toEqual(
      expect.objectContaining({
        id: essaiId,
        statut: 'terminee',
        reussis: 1,
        total: 1,
        cas: [
          {
            entrees: { texte: 'PUB-bonjour' },
            attendu: [{ type: 'contient', valeur: 'PUB-bonjour' }],
            reussi: true,
            reponse: expect.stringContaining('PUB-bonjour'),
            raisons: [],
          },
        ],
      }),
    );
    // The try asked the model about the public case alone.
    expect(llm.requests.filter((r) => r.lastUserMessage?.includes('HID-'))).toHaveLength(hiddenCallsBefore);
    expect(llm.requests.filter((r) => r.lastUserMessage === 'Traduis PUB-bonjour').length).toBeGreaterThan(0);
    const after = (await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body;
    expect(after.promptsUsed).toBe(before.promptsUsed + 1);
    expect(after.tokensUsed).toBeGreaterThan(before.tokensUsed);
    expect(await spent(h.id)).toBe(0);

    // Bad inputs.
    expect(
      (await api('post', `/conversations/${c.id}/essais`, student).send({ prompt: 'Sans emplacement' }).expect(400))
        .body.code,
    ).toBe('PROMPT_PLACEHOLDERS');
    expect((await api('post', `/conversations/${c.id}/essais`, student).send({}).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (
        await api('post', `/conversations/${c.id}/essais`, student)
          .send({ prompt: { $ne: 1 } })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    await api('post', `/conversations/${c.id}/essais`, other).send({ prompt: PROMPT }).expect(404);
    expect((await api('get', `/conversations/${c.id}/essais/${essaiId}`, other).expect(404)).body.code).toBe(
      'CONVERSATION_NOT_FOUND',
    );
    expect(
      (await api('get', `/conversations/${c.id}/essais/${new Types.ObjectId()}`, student).expect(404)).body.code,
    ).toBe('ESSAI_NOT_FOUND');
    await api('get', `/conversations/${c.id}/essais/nope`, student).expect(400);

    // A task without public cases has nothing to try.
    const hiddenOnly = await openChecked(
      {},
      {
        titre: 'Tout caché',
        verification: { cas: [checkedTask().verification.cas[1]], regles: [], repetitions: 1 },
      },
    );
    const c2 = await answered(student, hiddenOnly);
    expect(
      (await api('post', `/conversations/${c2.id}/essais`, student).send({ prompt: PROMPT }).expect(409)).body.code,
    ).toBe('NO_PUBLIC_CASES');

    // Quota: a try that does not fit is refused as a send is.
    const tight = await openChecked({ quotas: { promptsParEtudiant: 1, tokensParEtudiant: 100000 } });
    const c3 = await answered(student, tight);
    const refused = await api('post', `/conversations/${c3.id}/essais`, student).send({ prompt: PROMPT }).expect(429);
    expect(refused.body).toEqual(
      expect.objectContaining({ code: 'QUOTA_PROMPTS_EXCEEDED', details: [{ kind: 'prompts', used: 1, limit: 1 }] }),
    );
  });

  it('a try refused at its third case: the 429 counts what the student used, not the cases the try gave back', async () => {
    const student = await createUser(t, 'student');
    const pub = (texte: string) => ({
      entrees: { texte },
      attendu: [{ type: 'contient', valeur: texte }],
      public: true,
    });
    const threeCases = checkedTask({ cas: [pub('PUB-un'), pub('PUB-deux'), pub('PUB-trois')] });
    // Prompts: 1 used by the answered conversation, 3 allowed: the try's first two cases fit, its third does not.
    const h = await openChecked({ quotas: { promptsParEtudiant: 3, tokensParEtudiant: 100000 } }, threeCases);
    const c = await answered(student, h);
    const before = (await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body;
    expect(before.promptsUsed).toBe(1);
    const refused = await api('post', `/conversations/${c.id}/essais`, student).send({ prompt: PROMPT }).expect(429);
    expect(refused.body.code).toBe('QUOTA_PROMPTS_EXCEEDED');
    expect(refused.body.details).toEqual([{ kind: 'prompts', used: 1, limit: 3 }]);
    // All or none: the two cases reserved are given back.
    const after = (await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body;
    expect(after.promptsUsed).toBe(1);
    expect(after.tokensUsed).toBe(before.tokensUsed);

    // Tokens: the same, for a try whose third case would pass the tokens left. A case reserves its
    // prompt's tokens (~10) + maxTokens (200): the teacher leaves this student room for two cases.
    const other = await createUser(t, 'student');
    const h2 = await openChecked({}, threeCases);
    const c2 = await answered(other, h2);
    const used = (await api('get', `/hackathons/${h2.id}/quota/me`, other).expect(200)).body.tokensUsed as number;
    const limit = used + 560;
    await api('put', `/hackathons/${h2.id}/quotas/${other.id}`, admin).send({ tokensParEtudiant: limit }).expect(200);
    const tokens = await api('post', `/conversations/${c2.id}/essais`, other).send({ prompt: PROMPT }).expect(429);
    expect(tokens.body.code).toBe('QUOTA_TOKENS_EXCEEDED');
    expect(tokens.body.details).toEqual([{ kind: 'tokens', used, limit }]);
    expect((await api('get', `/hackathons/${h2.id}/quota/me`, other).expect(200)).body.tokensUsed).toBe(used);
  });

  it('the leaderboard ranks by the hackathon’s classement and shows both parts', async () => {
    const h = await openChecked({ classement: { poidsNote: 0, poidsScore: 1 } });
    const [a, b] = await Promise.all([createUser(t, 'student'), createUser(t, 'student')]);
    const ca = await answered(a, h);
    const cb = await answered(b, h);
    // B's prompt is shorter: with equal scores, B ranks first.
    await submit(a, ca, 'Traduis en anglais, s’il te plaît : {{texte}}').expect(200);
    await submit(b, cb, '{{texte}}').expect(200);
    await checksEnded(ca.id);
    await checksEnded(cb.id);
    const board = (await api('get', `/hackathons/${h.id}/leaderboard`, admin).expect(200)).body;
    expect(board.hackathon.classement).toEqual({ poidsNote: 0, poidsScore: 1 });
    expect(board.items.map((r: any) => [r.conversationId, r.rank, r.score, r.partScore, r.partNote, r.total])).toEqual([
      [cb.id, 1, 0.5, 0.5, null, 0.5],
      [ca.id, 2, 0.5, 0.5, null, 0.5],
    ]);
    expect(board.items[0].tokensPrompt).toBeLessThan(board.items[1].tokensPrompt);
  });

  it('invariant 10: no route a student has shows a hidden input, expected value or answer', async () => {
    const student = await createUser(t, 'student');
    const h = await openChecked();
    const c = await answered(student, h);
    const seen: { where: string; body: unknown }[] = [];
    const read = async (where: string, req: any) => {
      const res = await req;
      seen.push({ where, body: res.body });
      return res;
    };
    const sse = openSse(`${t.url}/api/v1/conversations/${c.id}/stream`, { Authorization: student.bearer });
    await sse.ready;

    await read('PUT final (placeholders)', submit(student, c, 'Traduis {{autre}}').expect(400));
    await read('PUT final', submit(student, c).expect(200));
    await sse.waitFor((e) => e.event === 'verification');
    // The hidden case did run, and its answer quotes its input: what must not leak exists.
    expect(JSON.stringify(await asAdmin(c.id))).toContain('HID-entree-cachee');

    const { essaiId } = (
      await read(
        'POST essai',
        api('post', `/conversations/${c.id}/essais`, student).send({ prompt: PROMPT }).expect(202),
      )
    ).body;
    await sse.waitFor((e) => e.event === 'essai');
    const essai = (await read('GET essai', api('get', `/conversations/${c.id}/essais/${essaiId}`, student).expect(200)))
      .body.essai;
    await read(
      'POST essai (placeholders)',
      api('post', `/conversations/${c.id}/essais`, student).send({ prompt: 'x' }).expect(400),
    );
    await read('GET conversation', api('get', `/conversations/${c.id}`, student).expect(200));
    await read('GET mine', api('get', `/conversations/mine?hackathonId=${h.id}`, student).expect(200));
    await read('GET hackathon', api('get', `/hackathons/${h.id}`, student).expect(200));
    await read('GET active', api('get', `/hackathons/active`, student).expect(200));
    await read('GET hackathons', api('get', `/hackathons?limit=100`, student).expect(200));
    await read('GET quota', api('get', `/hackathons/${h.id}/quota/me`, student).expect(200));
    await read('GET results before publication', api('get', `/hackathons/${h.id}/results/me`, student).expect(409));
    const exported = (await read('GET export', api('get', `/users/me/export`, student).expect(200))).body;
    // The student's own data holds the try as the student sees it: the public case only.
    expect(exported.conversations.map((x: any) => [x.id, x.essais])).toEqual([[c.id, [essai]]]);
    expect(essai).toEqual(expect.objectContaining({ id: essaiId, prompt: PROMPT, statut: 'terminee', total: 1 }));
    // The same submission again is a retry (200, as recorded); another one is refused (409).
    await read('PUT final again', submit(student, c).expect(200));
    await read('PUT another final', submit(student, c, 'Traduis vite {{texte}}').expect(409));

    // An examiner grades the copy, and sees every case's result on it (anonymity unchanged).
    const examiner = await createUser(t, 'examiner');
    await api('put', `/hackathons/${h.id}/examiners`, admin)
      .send({ examinerIds: [examiner.id] })
      .expect(200);
    await assignExaminersVia(api, admin, h.id);
    const copy = (await api('get', `/submissions/${c.id}`, examiner).expect(200)).body.submission;
    expect(copy.versionFinale.verification).toEqual(
      expect.objectContaining({ statut: 'terminee', score: 0.5, reussis: 1, total: 2 }),
    );
    expect(copy.versionFinale.verification.cas.map((x: any) => x.public)).toEqual([true, false]);
    expect(copy.versionFinale.verification.cas[1].executions[0].reponse).toContain('HID-entree-cachee');
    await api('post', '/evaluations', examiner)
      .send({ conversationId: c.id, note: 7, comment: 'Un prompt clair et bien construit.' })
      .expect(201);

    // After publication: the score, and still nothing hidden.
    await api('post', `/hackathons/${h.id}/status`, admin).send({ statut: 'Terminé' }).expect(200);
    await api('post', `/hackathons/${h.id}/results/publish`, admin).expect(200);
    const results = (await read('GET results', api('get', `/hackathons/${h.id}/results/me`, student).expect(200))).body;
    expect(results.conversations).toEqual([
      expect.objectContaining({
        conversationId: c.id,
        moyenne: 7,
        verification: expect.objectContaining({ statut: 'terminee', score: 0.5, reussis: 1, total: 2 }),
      }),
    ]);
    expect(results.conversations[0].verification.cas).toEqual([
      expect.objectContaining({ public: true, reussi: true }),
    ]);
    const published = (await read('GET conversation after', api('get', `/conversations/${c.id}`, student).expect(200)))
      .body;
    expect(published.conversation.versionFinale.verification.score).toBe(0.5);
    await read('GET export after', api('get', `/users/me/export`, student).expect(200));
    await read(
      'POST essai closed',
      api('post', `/conversations/${c.id}/essais`, student).send({ prompt: PROMPT }).expect(409),
    );
    sse.close();
    seen.push(...sse.events.map((e: SseEvent) => ({ where: `SSE ${e.event}`, body: e.data })));

    expect(seen.length).toBeGreaterThan(15);
    for (const { where, body } of seen)
      expect({ where, leaks: JSON.stringify(body).includes(HIDDEN) }).toEqual({ where, leaks: false });
  });
});
