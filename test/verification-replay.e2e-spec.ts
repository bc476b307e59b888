import { Types } from 'mongoose';
import { countPromptTokens } from '../libs/ai-providers';
import { RedisService } from '../libs/redis';
import { HackathonCatalog, TaskVerification } from '../src/hackathon';
import { ReplayChecksUseCase, ReplayRequest, ReplayRetryLater, VerificationBudget } from '../src/verification';
import { anOpenHackathonBody } from './support/builders/hackathon-http';
import { createUser, TestUser } from './support/auth';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { startTestApp, TestApp } from './support/test-app';
import { expectEachAttemptFinishedOnce, LedgerStepRow } from './support/verification-ledger';
import { until } from './support/wait';

/**
 * Invariant 11 against real Redis, the real engine and the fake LLM: every run of a replay is
 * charged once to the hackathon's verification budget, which is never overspent, whatever the
 * concurrency, a crash mid-run or a Redis loss; a replay resumes where it stopped.
 */
describe('replayed checks and the verification budget (invariant 11)', () => {
  let llm: FakeLlm;
  let t: TestApp;
  let admin: TestUser;
  let budget: VerificationBudget;
  let replay: ReplayChecksUseCase;
  const id = () => new Types.ObjectId().toHexString();
  const outcome = (p: Promise<{ verdict: string }>) => p.then((o) => o.verdict);

  beforeAll(async () => {
    llm = await startFakeLlm();
    t = await startTestApp({
      AI_FAKE: 'true',
      OPENAI_BASE_URL: llm.openAiBaseUrl,
      MISTRAL_SERVER_URL: llm.mistralServerUrl,
      AI_TIMEOUT_MS: '120000',
      BCRYPT_ROUNDS: '4',
    });
    admin = await createUser(t, 'admin');
    budget = t.app.get(VerificationBudget);
    replay = t.app.get(ReplayChecksUseCase);
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  const ledger = (filter: Record<string, unknown>) =>
    t.connection.collection('verification_ledger').find(filter).toArray();
  const ledgerSum = async (hackathonId: string) =>
    (await ledger({ hackathonId: new Types.ObjectId(hackathonId) })).reduce((s, r) => s + r.tokens, 0);
  const forgetRedis = async (hackathonId: string) => {
    const redis = t.app.get(RedisService);
    await redis.client.del(redis.key('verif-budget', hackathonId), redis.key('verif-runs', hackathonId));
  };

  describe('the budget', () => {
    const run = (hackathonId: string, subject: string, n: number) => ({
      hackathonId,
      subject,
      runKey: `${subject}:${n}:0:0`,
    });

    it('50 submissions × 5 runs reserved at once (each twice): exactly what the limit holds, charged once, never overspent', async () => {
      const h = id();
      const runs = Array.from({ length: 50 }, () => id()).flatMap((s) =>
        Array.from({ length: 5 }, (_x, n) => run(h, s, n)),
      );
      // Each run reserved by two callers at once (a retried job): one reservation per run key.
      const verdicts = await Promise.all(
        runs.flatMap((r) => [outcome(budget.reserve(r, 100, 10_000)), outcome(budget.reserve(r, 100, 10_000))]),
      );
      const reserved = runs.filter((_r, i) => verdicts[2 * i] === 'reserved');
      expect(reserved).toHaveLength(100);
      expect(runs.filter((_r, i) => verdicts[2 * i] !== verdicts[2 * i + 1])).toEqual([]);
      expect(verdicts.filter((v) => v === 'spent')).toHaveLength(300);
      expect(await budget.spentOf(h)).toBe(10_000);

      // Settled (twice each, concurrently) at 60 of the 100 reserved: 4 000 come back.
      await Promise.all(reserved.flatMap((r) => [budget.settle(r, 60), budget.settle(r, 60)]));
      expect(await budget.spentOf(h)).toBe(6_000);
      expect(await ledgerSum(h)).toBe(6_000);
      const steps = await ledger({ hackathonId: new Types.ObjectId(h) });
      expect(steps.filter((s) => s.kind === 'reserve')).toHaveLength(100);
      expect(steps.filter((s) => s.kind === 'settle')).toHaveLength(100);

      // The runs refused before now fit 40 at a time.
      const refused = runs.filter((_r, i) => verdicts[2 * i] === 'spent').slice(0, 100);
      const again = await Promise.all(refused.map((r) => outcome(budget.reserve(r, 100, 10_000))));
      expect(again.filter((v) => v === 'reserved')).toHaveLength(40);
      expect(await budget.spentOf(h)).toBe(10_000);
      expect(await ledgerSum(h)).toBe(10_000);
    });

    it('a provider that reports more than was reserved is charged the reservation, no more', async () => {
      const h = id();
      const r = run(h, id(), 0);
      await budget.reserve(r, 100, 1_000);
      await budget.settle(r, 5_000);
      expect(await budget.spentOf(h)).toBe(100);
    });

    it('rebuilds from MongoDB after a Redis loss, runs in flight included, and keeps each step once', async () => {
      const h = id();
      const s = id();
      const [a, b, c] = [run(h, s, 0), run(h, s, 1), run(h, s, 2)];
      for (const r of [a, b, c]) await budget.reserve(r, 100, 1_000);
      await budget.settle(a, 30);
      await budget.release(b);
      expect(await budget.spentOf(h)).toBe(130);

      await forgetRedis(h);
      expect(await budget.spentOf(h)).toBe(130);
      // In flight before the loss: still reserved, settled once.
      await budget.settle(c, 40);
      await budget.settle(c, 40);
      // Finished before the loss: settling or releasing again changes nothing; reserving again is refused as finished.
      await budget.settle(a, 90);
      await budget.release(a);
      await expect(budget.reserve(b, 100, 1_000)).resolves.toEqual({ verdict: 'finished' });
      expect(await budget.spentOf(h)).toBe(70);
      expect(await ledgerSum(h)).toBe(70);
      // The limit still holds after the rebuild.
      await forgetRedis(h);
      const verdicts = await Promise.all(
        Array.from({ length: 20 }, (_x, n) => outcome(budget.reserve(run(h, id(), n), 100, 1_000))),
      );
      expect(verdicts.filter((v) => v === 'reserved')).toHaveLength(9);
      expect(await budget.spentOf(h)).toBe(970);
    });

    it('a settle after the other runner released the attempt is charged once, its releaser dead before its ledger row; the ledger and a rebuild agree', async () => {
      const h = id();
      const r = run(h, id(), 0);
      await budget.reserve(r, 100, 1_000);
      // Runner B's call failed: the attempt goes back; B is killed before its ledger row.
      await budget.release(r);
      await t.connection.collection('verification_ledger').deleteOne({ runKey: r.runKey, kind: 'release' });
      // Runner A's call of the same attempt finished and was recorded: charged what it used.
      await budget.settle(r, 60);
      expect(await budget.spentOf(h)).toBe(60);
      // Its end, whoever repeats it (a settle, a release, a reserve), changes nothing.
      await budget.settle(r, 60);
      await budget.release(r);
      await expect(budget.reserve(r, 100, 1_000)).resolves.toEqual({ verdict: 'finished' });
      expect(await budget.spentOf(h)).toBe(60);
      const kinds = (await ledger({ runKey: r.runKey })).map((x) => x.kind).sort();
      expect(kinds).toEqual(['release', 'reserve', 'settle']);
      expect(await ledgerSum(h)).toBe(60);
      // Rebuilt from the ledger: the same counter, the attempt still finished.
      await forgetRedis(h);
      expect(await budget.spentOf(h)).toBe(60);
      await budget.settle(r, 60);
      await expect(budget.reserve(r, 100, 1_000)).resolves.toEqual({ verdict: 'finished' });
      expect(await budget.spentOf(h)).toBe(60);
      expect(await ledgerSum(h)).toBe(60);
    });

    it('a reservation Redis lost before its ledger row was read back is charged at its settlement', async () => {
      const h = id();
      const r = run(h, id(), 0);
      await budget.reserve(r, 100, 1_000);
      // Redis loses everything and is rebuilt while the reservation's ledger row is not written yet.
      const rows = t.connection.collection('verification_ledger');
      const row = await rows.findOne({ runKey: r.runKey, kind: 'reserve' });
      await rows.deleteOne({ _id: row!._id });
      await forgetRedis(h);
      expect(await budget.spentOf(h)).toBe(0);
      await rows.insertOne(row!);
      await budget.settle(r, 45);
      await budget.settle(r, 45);
      expect(await budget.spentOf(h)).toBe(45);
      expect(await ledgerSum(h)).toBe(45);
    });
  });

  describe('the replay runner', () => {
    const verification = (over: Partial<TaskVerification> = {}): TaskVerification => ({
      cas: [
        { entrees: { texte: 'pomme' }, attendu: [{ type: 'contient', valeur: 'pomme' }], public: true },
        { entrees: { texte: 'poire' }, attendu: [{ type: 'contient', valeur: 'mot-absent' }], public: false },
        { entrees: { texte: 'prune' }, attendu: [{ type: 'contient', valeur: 'PRUNE' }], public: false },
      ],
      regles: [{ type: 'max_mots', valeur: 500 }],
      maxTokensPrompt: null,
      repetitions: 2,
      temperature: null,
      ...over,
    });

    /** A hackathon with a verification budget of `tokensVerification`, and a request on its first task. */
    async function submission(tokensVerification: number, over: Partial<ReplayRequest> = {}) {
      const h = (
        await t
          .http()
          .post('/api/v1/hackathons')
          .set('Authorization', admin.bearer)
          .send(anOpenHackathonBody({ quotas: { promptsParEtudiant: 5, tokensParEtudiant: 1000, tokensVerification } }))
          .expect(201)
      ).body.hackathon;
      const request: ReplayRequest = {
        hackathonId: h.id,
        conversationId: id(),
        promptFinal: `Réponds en citant {{texte}} ${id()}`,
        modelName: 'gpt-3.5-turbo',
        temperature: 0.7,
        maxTokens: 60,
        systeme: 'Tu es un correcteur.',
        verification: verification(),
        ...over,
      };
      return { h, request };
    }
    /** Calls that got a whole answer (a call cut by a transient error on a loaded machine is retried, not counted). */
    const requestsFor = (marker: string) =>
      llm.requests.filter((r) => r.lastUserMessage?.includes(marker) && r.finished && !r.aborted);
    /** Every call received, answered or not. */
    const callsFor = (marker: string) => llm.requests.filter((r) => r.lastUserMessage?.includes(marker));
    /** As the queue runs it: again after ReplayRetryLater (a transient provider error), as a job retry would. */
    const replayed = async (request: ReplayRequest) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await replay.execute(request);
        } catch (err) {
          if (!(err instanceof ReplayRetryLater) || attempt === 5) throw err;
        }
      }
    };
    const runsOf = (conversationId: string) =>
      t.connection
        .collection('verification_runs')
        .find({ conversationId: new Types.ObjectId(conversationId) })
        .toArray();
    /**
     * Each run of the submission charged once: one settled attempt per case × repetition; every
     * attempt reserved once and then settled or (a transient failure, retried) released once.
     */
    const chargedOnce = async (conversationId: string, runs: number) => {
      const steps = await ledger({ runKey: { $regex: `^${conversationId}:` } });
      const settled = expectEachAttemptFinishedOnce(steps as unknown as LedgerStepRow[]);
      expect(settled).toHaveLength(runs);
      expect(new Set(settled).size).toBe(runs);
    };

    it('runs every case × repetition, systeme first and no history, and scores passed runs / runs', async () => {
      const { h, request } = await submission(200_000, { verification: verification({ temperature: 0.3 }) });
      const summary = await replayed(request);
      expect(summary).toMatchObject({ statut: 'terminee', score: 4 / 6, reussis: 4, total: 6, raison: null });
      expect(summary.tokensPrompt).toBeGreaterThan(0);
      expect(summary.cas.map((c) => [c.public, c.reussi, c.executions.length])).toEqual([
        [true, true, 2],
        [false, false, 2],
        [false, true, 2],
      ]);
      expect(summary.cas[1].executions[0].raisons).toEqual(['la réponse ne contient pas « mot-absent »']);
      const calls = requestsFor(request.promptFinal.split(' ').pop()!);
      expect(calls).toHaveLength(6);
      for (const call of calls) {
        const user = call.lastUserMessage!;
        expect(user).toMatch(/^Réponds en citant (pomme|poire|prune) /);
        // What the provider received: the task's systeme, then the filled prompt, nothing else.
        expect(call.promptTokensReceived).toBe(
          countPromptTokens([
            { role: 'system', content: request.systeme! },
            { role: 'user', content: user },
          ]),
        );
        expect(call.temperature).toBe(0.3);
        expect(call.maxTokens).toBe(60);
      }
      await chargedOnce(request.conversationId, 6);
      const runs = await runsOf(request.conversationId);
      const charged = runs.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0);
      expect(await budget.spentOf(h.id)).toBe(charged);
      expect(await ledgerSum(h.id)).toBe(charged);

      // Idempotent: called again, nothing runs nor is charged again.
      await expect(replayed(request)).resolves.toEqual(summary);
      expect(requestsFor(request.promptFinal.split(' ').pop()!)).toHaveLength(6);
      expect(await budget.spentOf(h.id)).toBe(charged);
    });

    it('uses the final version’s temperature when the checks set none', async () => {
      const { request } = await submission(200_000, { temperature: 1.1 });
      await replayed(request);
      const calls = requestsFor(request.promptFinal.split(' ').pop()!);
      expect(calls.map((c) => c.temperature)).toEqual(Array(6).fill(1.1));
    });

    it('a prompt over maxTokensPrompt scores 0 with PROMPT_TOO_LONG, without any call', async () => {
      const { h, request } = await submission(200_000, { verification: verification({ maxTokensPrompt: 3 }) });
      const summary = await replayed(request);
      expect(summary).toMatchObject({
        statut: 'terminee',
        score: 0,
        reussis: 0,
        total: 6,
        raison: { code: 'PROMPT_TOO_LONG' },
      });
      expect(requestsFor(request.promptFinal.split(' ').pop()!)).toHaveLength(0);
      expect(await budget.spentOf(h.id)).toBe(0);
    });

    it('ends budget_epuise when the budget is spent, and goes on without re-running anything once it is raised', async () => {
      const { h, request } = await submission(1);
      // Room for two reservations (prompt + maxTokens 60) at a time, not three.
      const largest = Math.max(
        ...request.verification.cas.map((c) =>
          countPromptTokens([
            { role: 'system', content: request.systeme! },
            { role: 'user', content: request.promptFinal.replace('{{texte}}', c.entrees.texte) },
          ]),
        ),
      );
      const limit = 2 * (largest + 60);
      await t
        .http()
        .patch(`/api/v1/hackathons/${h.id}`)
        .set('Authorization', admin.bearer)
        .send({ quotas: { tokensVerification: limit } })
        .expect(200);
      const marker = request.promptFinal.split(' ').pop()!;
      const first = await replayed(request);
      expect(first.statut).toBe('budget_epuise');
      expect(first.score).toBeNull();
      expect(first.raison).toMatchObject({ code: 'BUDGET_EPUISE' });
      const ranFirst = requestsFor(marker).length;
      expect(ranFirst).toBeGreaterThanOrEqual(2);
      expect(ranFirst).toBeLessThan(6);
      expect(await budget.spentOf(h.id)).toBeLessThanOrEqual(limit);

      await t
        .http()
        .patch(`/api/v1/hackathons/${h.id}`)
        .set('Authorization', admin.bearer)
        .send({ quotas: { tokensVerification: 100_000 } })
        .expect(200);
      expect(await t.app.get(HackathonCatalog).verificationBudgetOf(h.id)).toBe(100_000);
      const second = await replayed(request);
      expect(second).toMatchObject({ statut: 'terminee', total: 6, reussis: 4 });
      expect(requestsFor(marker)).toHaveLength(6);
      await chargedOnce(request.conversationId, 6);
      const runs = await runsOf(request.conversationId);
      expect(await budget.spentOf(h.id)).toBe(runs.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0));
    });

    it('killed mid-run (aborted with calls in flight), then resumed: finished runs are not run again, nothing is charged twice', async () => {
      // The fake LLM keeps the first two calls of this case unanswered (until the caller gives up), answers later ones.
      const slow = `[fake-llm:timeout*2] ${id()}`;
      const { h, request } = await submission(200_000, {
        verification: verification({
          cas: [
            { entrees: { texte: 'pomme' }, attendu: [{ type: 'contient', valeur: 'pomme' }], public: true },
            { entrees: { texte: 'poire' }, attendu: [{ type: 'contient', valeur: 'poire' }], public: false },
            { entrees: { texte: slow }, attendu: [{ type: 'contient', valeur: 'citant' }], public: false },
          ],
        }),
      });
      const marker = request.promptFinal.split(' ').pop()!;
      const crash = new AbortController();
      const interrupted = replay.execute({ ...request, signal: crash.signal }).then(
        () => 'finished',
        () => 'crashed',
      );
      // The fast cases are recorded, the slow case's two runs are at the provider: then the "crash".
      await until(async () => (await runsOf(request.conversationId)).length === 4, 'les 4 exécutions rapides');
      await until(async () => callsFor(slow).length === 2, 'les 2 appels lents en cours');
      crash.abort();
      await expect(interrupted).resolves.toBe('crashed');
      const steps = await ledger({ runKey: { $regex: `^${request.conversationId}:` } });
      expect(steps.filter((s) => s.kind === 'reserve')).toHaveLength(6);
      expect(steps.filter((s) => s.kind === 'settle')).toHaveLength(4);

      // The resume, as a retried job would call it.
      const summary = await replayed(request);
      expect(summary).toMatchObject({ statut: 'terminee', total: 6, reussis: 6 });
      // The fast runs were answered once each; the slow ones only after the resume (the crashed calls never were).
      expect(requestsFor(marker).filter((r) => !r.lastUserMessage!.includes(slow))).toHaveLength(4);
      expect(callsFor(slow).length).toBeGreaterThanOrEqual(4);
      expect(requestsFor(slow)).toHaveLength(2);
      await chargedOnce(request.conversationId, 6);
      const runs = await runsOf(request.conversationId);
      expect(await budget.spentOf(h.id)).toBe(runs.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0));
    });

    it('a worker that died after recording runs but before settling them (and a Redis loss): the next call settles each once', async () => {
      const { h, request } = await submission(200_000);
      const summary = await replayed(request);
      // The state such a death leaves: runs recorded, their reservations never settled, Redis gone.
      await t.connection
        .collection('verification_ledger')
        .deleteMany({ runKey: { $regex: `^${request.conversationId}:` }, kind: 'settle' });
      await forgetRedis(h.id);
      const reservedOnly = await budget.spentOf(h.id);
      const runs = await runsOf(request.conversationId);
      const charged = runs.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0);
      expect(reservedOnly).toBeGreaterThan(charged);

      const marker = request.promptFinal.split(' ').pop()!;
      await expect(replayed(request)).resolves.toEqual(summary);
      expect(requestsFor(marker)).toHaveLength(6);
      await chargedOnce(request.conversationId, 6);
      expect(await budget.spentOf(h.id)).toBe(charged);
      expect(await ledgerSum(h.id)).toBe(charged);
    });

    it('two runners on the same submission at once: each run recorded once and charged once', async () => {
      const { h, request } = await submission(200_000);
      const [a, b] = await Promise.all([replayed(request), replayed(request)]);
      expect(a).toEqual(b);
      expect(a.statut).toBe('terminee');
      expect(await runsOf(request.conversationId)).toHaveLength(6);
      await chargedOnce(request.conversationId, 6);
      const runs = await runsOf(request.conversationId);
      expect(await budget.spentOf(h.id)).toBe(runs.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0));
    });

    it('two runners sharing a run attempt, one cut by a provider error, the other recording it: that run is still charged, once', async () => {
      // The first call of this case fails (500) after 2 s, once both runners hold the attempt's one
      // reservation; the other call answers slowly (a piece every 200 ms), so the failing runner gives
      // the reservation back before the answer is recorded and settled.
      const flaky = `[fake-llm:500*1] [fake-llm:slow=2000] ${id()}`;
      const { h, request } = await submission(200_000, {
        verification: verification({
          cas: [{ entrees: { texte: flaky }, attendu: [{ type: 'contient', valeur: 'citant' }], public: false }],
          repetitions: 1,
        }),
      });
      llm.setLatency({ chunkDelayMs: 200 });
      try {
        const [a, b] = await Promise.all([replayed(request), replayed(request)]);
        expect(a).toEqual(b);
        expect(a).toMatchObject({ statut: 'terminee', total: 1, reussis: 1 });
      } finally {
        llm.setLatency({ chunkDelayMs: 0 });
      }
      const runs = await runsOf(request.conversationId);
      expect(runs).toHaveLength(1);
      // What was tried: the run recorded under the attempt the failing runner gave back (its retry's
      // attempt, which lost the race to record, was given back too).
      const steps = await ledger({ runKey: { $regex: `^${request.conversationId}:` } });
      const released = steps.filter((s) => s.kind === 'release').map((s) => Number(s.runKey.split(':').pop()));
      expect(released).toContain(runs[0].essai);
      await chargedOnce(request.conversationId, 1);
      const charged = runs[0].promptTokens + runs[0].completionTokens;
      expect(charged).toBeGreaterThan(0);
      expect(await budget.spentOf(h.id)).toBe(charged);
      expect(await ledgerSum(h.id)).toBe(charged);
      // Rebuilt from the ledger after a Redis loss: the same.
      await forgetRedis(h.id);
      expect(await budget.spentOf(h.id)).toBe(charged);
    });

    it('50 submissions checked at once under one budget: exact accounting, never overspent', async () => {
      const limit = 8_000;
      const { h, request } = await submission(limit, { verification: verification({ repetitions: 1 }) });
      const requests = Array.from({ length: 50 }, () => ({ ...request, conversationId: id() }));
      const summaries = await Promise.all(requests.map((r) => replayed(r)));
      const statuts = summaries.map((s) => s.statut);
      expect(statuts.filter((s) => s === 'terminee').length).toBeGreaterThan(0);
      expect(statuts.filter((s) => s === 'budget_epuise').length).toBeGreaterThan(0);
      expect(statuts.every((s) => s === 'terminee' || s === 'budget_epuise')).toBe(true);
      const runs = await t.connection
        .collection('verification_runs')
        .find({ hackathonId: new Types.ObjectId(h.id) })
        .toArray();
      const charged = runs.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0);
      expect(await budget.spentOf(h.id)).toBe(charged);
      expect(await ledgerSum(h.id)).toBe(charged);
      expect(charged).toBeLessThanOrEqual(limit);
      for (const r of requests) {
        const n = (await runsOf(r.conversationId)).length;
        const steps = await ledger({ runKey: { $regex: `^${r.conversationId}:` } });
        // One settled attempt per recorded run; attempts a transient error cut were given back.
        expect(steps.filter((s) => s.kind === 'settle')).toHaveLength(n);
        const count = (kind: string) => steps.filter((s) => s.kind === kind).length;
        expect(count('reserve') - count('release')).toBe(n);
      }
    });
  });
});
