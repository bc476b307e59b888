import type { ChildProcess } from 'node:child_process';
import { Types } from 'mongoose';
import { JobQueue } from '../libs/queue';
import { createUser, TestUser } from './support/auth';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { fakeLlmEnv, openHackathonVia } from './support/full-stack';
import { startTestApp, TestApp } from './support/test-app';
import { commandEnvOf, spawnEntry } from './support/ts-command';
import { until } from './support/wait';

/**
 * Invariants 1, 2 and 8 attacked the way an eager student (or a script) would: many sends
 * at once on one conversation and across many, long histories, a provider that bills more
 * than it was sent, a reply job lost from Redis. After each attack the books must balance:
 * the quota counters (Redis), the usage ledger (MongoDB), the user's `tokensUsed` and the
 * conversations' own counters all say the same, and never more than the limits.
 */
describe('quota and turn attacks (invariants 1, 2, 8)', () => {
  let llm: FakeLlm;
  let t: TestApp;
  let admin: TestUser;

  const api = (method: 'get' | 'post' | 'put', path: string, who: TestUser) =>
    (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);

  /** Messages written straight into the database as an earlier history start with this. */
  const SEEDED = 'HISTORIQUE ';
  const WORDS =
    'le la un une prompt modèle réponse question données analyse code tâche étape exemple contexte format'.split(' ');
  /** A text of exactly `length` characters, different for each seed. */
  const textOf = (length: number, seed: number) => {
    let out = `#${seed} `;
    for (let i = 0; out.length < length; i++) out += `${WORDS[(seed * 7 + i * 13) % WORDS.length]} `;
    return out.slice(0, length);
  };

  async function newConversation(
    who: TestUser,
    h: { id: string; tacheId: string },
    body: Record<string, unknown> = {},
  ) {
    const res = await api('post', '/conversations', who).send({ hackathonId: h.id, tacheId: h.tacheId, ...body });
    expect(res.status).toBe(201);
    return res.body.conversation.id as string;
  }

  const conversation = async (id: string, who: TestUser) =>
    (await api('get', `/conversations/${id}?limit=200`, who).expect(200)).body.conversation;

  /** Waits until no turn is pending in these conversations (every accepted prompt answered or refunded). */
  const settled = (ids: string[], who: TestUser) =>
    until(
      async () => {
        const cs = await Promise.all(ids.map((id) => conversation(id, who)));
        return cs.every((c) => c.pendingMessageId === null) && cs;
      },
      'toutes les réponses',
      120_000,
    );

  /** The four books of a student's usage in one hackathon agree, and stay within the limit. */
  async function expectBooksBalance(h: { id: string }, s: TestUser, ids: string[], tokensLimit: number) {
    const convs = await settled(ids, s);
    const quota = (await api('get', `/hackathons/${h.id}/quota/me`, s).expect(200)).body;
    const ledger = await t.connection
      .collection('usage_ledger')
      .find({ hackathonId: new Types.ObjectId(h.id), studentId: new Types.ObjectId(s.id) })
      .toArray();
    const ledgerTokens = ledger.reduce((n, e) => n + e.tokens, 0);
    const settledUsed = ledger.filter((e) => e.kind === 'settle').reduce((n, e) => n + e.used, 0);
    const conversationTokens = convs.reduce((n: number, c: any) => n + c.totalTokens, 0);
    const me = await until(async () => {
      const u = (await api('get', '/auth/me', s).expect(200)).body.user;
      return u.tokensUsed === settledUsed && u;
    }, 'tokensUsed à jour');
    expect(quota.tokensUsed).toBeLessThanOrEqual(tokensLimit);
    expect(ledgerTokens).toBe(quota.tokensUsed);
    expect(settledUsed).toBe(quota.tokensUsed);
    expect(conversationTokens).toBe(quota.tokensUsed);
    expect(me.tokensUsed).toBe(quota.tokensUsed);
    // Every accepted prompt got exactly one answer: no "resource busy" failure, no double reply.
    for (const c of convs) {
      const live = c.messages.filter((m: any) => !m.content.startsWith(SEEDED));
      const students = live.filter((m: any) => m.role === 'student');
      const replies = live.filter((m: any) => m.role !== 'student');
      expect(replies.map((m: any) => m.role)).toEqual(students.map(() => 'assistant'));
      expect(replies.map((m: any) => m.replyTo)).toEqual(students.map((m: any) => m.id));
    }
    // Prompts: every accepted one counted once (a reservation given back by a lost race nets to zero).
    expect(quota.promptsUsed).toBe(ledger.reduce((n, e) => n + e.prompts, 0));
    expect(quota.promptsUsed).toBe(
      convs.reduce(
        (n: number, c: any) =>
          n + c.messages.filter((m: any) => m.role === 'assistant' && !m.content.startsWith(SEEDED)).length,
        0,
      ),
    );
    return { quota, ledger, convs };
  }

  beforeAll(async () => {
    llm = await startFakeLlm();
    t = await startTestApp({ ...fakeLlmEnv(llm), BCRYPT_ROUNDS: '4', RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await createUser(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  it('100 concurrent 2 000-character sends on one conversation: exactly one 202, then round after round the quota of 20 000 tokens is never passed', async () => {
    const h = await openHackathonVia(api, admin, { quotas: { promptsParEtudiant: 1000, tokensParEtudiant: 20000 } });
    const s = await createUser(t, 'student');
    const id = await newConversation(s, h, { maxTokens: 50 });

    // A real model takes seconds to answer: the whole burst arrives while the first turn is open.
    llm.setLatency({ latencyMs: 3000 });
    const first = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api('post', `/conversations/${id}/messages`, s).send({ content: textOf(2000, i) }),
      ),
    );
    expect(first.filter((r) => r.status === 202)).toHaveLength(1);
    const refused = first.filter((r) => r.status !== 202);
    expect(refused.every((r) => r.status === 409 && r.body.code === 'REPLY_PENDING')).toBe(true);
    llm.setLatency({ latencyMs: 1000 });

    // Keep attacking, 20 at a time, until the quota says no: one prompt per round at most.
    let rounds = 1;
    let quotaRefused = false;
    while (!quotaRefused && rounds < 60) {
      await settled([id], s);
      const round = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          api('post', `/conversations/${id}/messages`, s).send({ content: textOf(2000, rounds * 100 + i) }),
        ),
      );
      const accepted = round.filter((r) => r.status === 202).length;
      expect(accepted).toBeLessThanOrEqual(1);
      for (const r of round.filter((r) => r.status !== 202)) {
        expect([409, 429]).toContain(r.status);
        expect(['REPLY_PENDING', 'QUOTA_TOKENS_EXCEEDED']).toContain(r.body.code);
      }
      quotaRefused = round.some((r) => r.body.code === 'QUOTA_TOKENS_EXCEEDED');
      rounds++;
    }
    llm.setLatency({ latencyMs: 0 });
    expect(quotaRefused).toBe(true);
    const { quota } = await expectBooksBalance(h, s, [id], 20000);
    expect(quota.tokensUsed).toBeGreaterThan(10000);
    // The figures, for docs and closing notes (as identity-timing prints its medians).
    process.stderr.write(
      `[quota] rafale : ${first.length - refused.length} × 202, ${refused.length} × 409 ; ${rounds} tours ; ` +
        `tokensUsed ${quota.tokensUsed} / 20000, prompts ${quota.promptsUsed}\n`,
    );
  });

  it('100 concurrent sends over 20 conversations with long histories: at most one turn each, histories trimmed to what was reserved, books balanced', async () => {
    const h = await openHackathonVia(api, admin, { quotas: { promptsParEtudiant: 1000, tokensParEtudiant: 60000 } });
    const s = await createUser(t, 'student');
    const ids = await Promise.all(Array.from({ length: 20 }, () => newConversation(s, h, { maxTokens: 200 })));
    // Long histories, as earlier turns would have left them (written straight into the documents).
    await Promise.all(
      ids.map((id, c) =>
        t.connection.collection('conversations').updateOne({ _id: new Types.ObjectId(id) }, {
          $push: {
            messages: {
              $each: Array.from({ length: 40 }, (_, i) => ({
                _id: new Types.ObjectId(),
                role: i % 2 ? 'assistant' : 'student',
                content: SEEDED + textOf(1500, c * 1000 + i),
                createdAt: new Date(),
                tokenCount: 400,
                replyTo: null,
              })),
            },
          },
          $inc: { messageCount: 40 },
        } as any),
      ),
    );
    llm.requests.length = 0;
    llm.setLatency({ latencyMs: 1000 });

    let quotaRefused = false;
    for (let round = 0; round < 20 && !quotaRefused; round++) {
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          api('post', `/conversations/${ids[i % 20]}/messages`, s).send({ content: textOf(800, round * 1000 + i) }),
        ),
      );
      const accepted = results.filter((r) => r.status === 202);
      expect(accepted.length).toBeLessThanOrEqual(20);
      for (const r of results.filter((r) => r.status !== 202)) {
        expect(['REPLY_PENDING', 'QUOTA_TOKENS_EXCEEDED']).toContain(r.body.code);
      }
      // Never more reserved than the quota, even while the answers are on their way.
      const quota = (await api('get', `/hackathons/${h.id}/quota/me`, s).expect(200)).body;
      expect(quota.tokensUsed).toBeLessThanOrEqual(60000);
      quotaRefused = results.some((r) => r.body.code === 'QUOTA_TOKENS_EXCEEDED');
      await settled(ids, s);
    }
    llm.setLatency({ latencyMs: 0 });
    expect(quotaRefused).toBe(true);
    const { ledger } = await expectBooksBalance(h, s, ids, 60000);

    // What each call sent never exceeded what its send reserved (reserve = prompt window + maxTokens).
    const reserved = new Map(ledger.filter((e) => e.kind === 'reserve').map((e) => [e.reservationId, e.tokens - 200]));
    expect(llm.requests.length).toBe(reserved.size);
    const budgets = [...reserved.values()];
    for (const r of llm.requests) {
      expect(r.promptTokensReceived).toBeLessThanOrEqual(Math.max(...budgets));
      expect(r.promptTokensReceived).toBeLessThanOrEqual(t.config.AI_CONTEXT_MAX_TOKENS);
    }
    // The long histories were really trimmed: 40 messages of 1 500 characters are far more than one window.
    expect(Math.max(...llm.requests.map((r) => r.promptTokensReceived ?? 0))).toBeGreaterThan(
      t.config.AI_CONTEXT_MAX_TOKENS / 2,
    );
  });

  it('a provider that bills more than it was sent: the student is charged the reservation, never more', async () => {
    const h = await openHackathonVia(api, admin, { quotas: { promptsParEtudiant: 10, tokensParEtudiant: 3000 } });
    const s = await createUser(t, 'student');
    const id = await newConversation(s, h, { maxTokens: 100 });
    await api('post', `/conversations/${id}/messages`, s)
      .send({ content: 'Facture-moi trop [fake-llm:overbill=50000]' })
      .expect(202);
    const [c] = await settled([id], s);
    const reply = c.messages.find((m: any) => m.role === 'assistant');
    const billed = llm.requests.find((r) => r.lastUserMessage?.includes('overbill'))!.usage!.total_tokens;
    expect(billed).toBeGreaterThan(50000);
    const { ledger, quota } = await expectBooksBalance(h, s, [id], 3000);
    const reserve = ledger.find((e) => e.kind === 'reserve')!;
    expect(reply.tokenCount).toBe(reserve.tokens);
    expect(quota.tokensUsed).toBe(reserve.tokens);
  });

  it('a reply job lost from Redis: the turn stays pending (409 REPLY_PENDING) and the next send revives it, so the prompt is answered', async () => {
    // An API process with no worker, so the job waits in Redis until we lose it.
    const api2 = await startTestApp({ ...fakeLlmEnv(llm), BCRYPT_ROUNDS: '4', APP_ROLE: 'api' });
    const call = (method: 'get' | 'post', path: string, who: TestUser) =>
      (api2.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
    let worker: ChildProcess | undefined;
    try {
      const a = await createUser(api2, 'admin');
      const s = await createUser(api2, 'student');
      const h = await openHackathonVia(call, a);
      const id = (await call('post', '/conversations', s).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
        .body.conversation.id;
      const sent = await call('post', `/conversations/${id}/messages`, s).send({ content: 'Perdu ?' }).expect(202);
      // Redis loses the job (a restart without persistence, an operator's mistake).
      const jobs = api2.app.get(JobQueue);
      await (await jobs.getJob('ai', sent.body.jobId))!.remove();
      expect(await jobs.getJob('ai', sent.body.jobId)).toBeUndefined();

      const blocked = await call('post', `/conversations/${id}/messages`, s).send({ content: 'Et maintenant ?' });
      expect(blocked.status).toBe(409);
      expect(blocked.body.code).toBe('REPLY_PENDING');
      // That send gave the lost turn a new job; a worker now answers it.
      expect(await jobs.getJob('ai', sent.body.jobId)).toBeDefined();
      worker = spawnEntry('src/worker.ts', [], commandEnvOf(api2, fakeLlmEnv(llm)), 'ignore');
      const c = await until(
        async () => {
          const c = (await call('get', `/conversations/${id}`, s).expect(200)).body.conversation;
          return c.pendingMessageId === null && c;
        },
        'la réponse du tour perdu',
        120_000,
      );
      expect(c.messages.map((m: any) => m.role)).toEqual(['student', 'assistant']);
      // The answer is stored first, then its reservation settles (the same job, a moment later).
      const quota = await until(async () => {
        const q = (await call('get', `/hackathons/${h.id}/quota/me`, s).expect(200)).body;
        return q.tokensUsed === c.messages[1].tokenCount && q;
      }, 'la réservation réglée au coût de la réponse');
      expect(quota.promptsUsed).toBe(1);
    } finally {
      worker?.kill('SIGKILL');
      await api2.close();
    }
  });

  it('a reply job lost from Redis while nobody sends again: the sweeper of a worker started later finds the open turn and it is answered once, charged once', async () => {
    const api2 = await startTestApp({ ...fakeLlmEnv(llm), BCRYPT_ROUNDS: '4', APP_ROLE: 'api' });
    const call = (method: 'get' | 'post', path: string, who: TestUser) =>
      (api2.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
    let worker: ChildProcess | undefined;
    try {
      const a = await createUser(api2, 'admin');
      const s = await createUser(api2, 'student');
      const h = await openHackathonVia(call, a);
      const ids: string[] = [];
      for (const content of ['Perdu un', 'Perdu deux', 'Perdu trois']) {
        const id = (await call('post', '/conversations', s).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201))
          .body.conversation.id;
        const sent = await call('post', `/conversations/${id}/messages`, s).send({ content }).expect(202);
        const jobs = api2.app.get(JobQueue);
        await (await jobs.getJob('ai', sent.body.jobId))!.remove();
        ids.push(id);
      }
      // Nobody presses anything: a worker starts (after a crash, say) and sweeps.
      worker = spawnEntry(
        'src/worker.ts',
        [],
        commandEnvOf(api2, { ...fakeLlmEnv(llm), TURN_SWEEP_AFTER_MS: '200', TURN_SWEEP_EVERY_MS: '1000' }),
        'ignore',
      );
      for (const id of ids) {
        const c = await until(
          async () => {
            const c = (await call('get', `/conversations/${id}`, s).expect(200)).body.conversation;
            return c.pendingMessageId === null && c;
          },
          'la réponse du tour perdu, trouvée par le balayage',
          120_000,
        );
        expect(c.messages.map((m: any) => m.role)).toEqual(['student', 'assistant']);
      }
      const convs = await Promise.all(
        ids.map(async (id) => (await call('get', `/conversations/${id}`, s).expect(200)).body.conversation),
      );
      const answered = convs.reduce((n: number, c: any) => n + c.messages[1].tokenCount, 0);
      const quota = await until(async () => {
        const q = (await call('get', `/hackathons/${h.id}/quota/me`, s).expect(200)).body;
        return q.tokensUsed === answered && q;
      }, 'les réservations réglées au coût des réponses');
      const ledger = await api2.connection
        .collection('usage_ledger')
        .find({ hackathonId: new Types.ObjectId(h.id), studentId: new Types.ObjectId(s.id) })
        .toArray();
      // Each lost turn settled once, at what its one answer cost.
      expect(
        ledger
          .filter((e) => e.kind === 'settle')
          .map((e) => String(e.reservationId))
          .sort(),
      ).toEqual(convs.map((c: any) => c.messages[0].id).sort());
      expect(quota.promptsUsed).toBe(3);
      expect(ledger.reduce((n, e) => n + e.tokens, 0)).toBe(quota.tokensUsed);
    } finally {
      worker?.kill('SIGKILL');
      await api2.close();
    }
  });
});
