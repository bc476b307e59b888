import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Types } from 'mongoose';
import Redis from 'ioredis';
import { JobQueue } from '../libs/queue';
import { QuotaGate } from '../src/conversation/quota/quota-gate';
import { createUser, TestUser } from './support/auth';
import { FakeLlm, startFakeLlm } from './support/fake-llm/fake-llm.server';
import { answeredConversationVia, fakeLlmEnv, openHackathonVia } from './support/full-stack';
import { startTcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { commandEnvOf, spawnEntry } from './support/ts-command';
import { expectEachAttemptFinishedOnce, LedgerStepRow, runCellOf } from './support/verification-ledger';
import { sleep, until } from './support/wait';

/**
 * Faults with real processes (issue 20): the app built in dist/ runs as a child process, killed
 * with SIGKILL by pid in the middle of concurrent sends, or cut from a Redis of its own that is
 * killed and restarted empty. Nobody presses anything afterwards: the end state is reached by
 * the app alone (the sweeper, every TURN_SWEEP_EVERY_MS), and checked whole — every student
 * message answered once or failed with a refund, no turn pending, and for every student the
 * ledger = the Redis counters = what the messages say = the user's `tokensUsed`.
 *
 * The test's own app (APP_ROLE=api, no processors) only arranges users and hackathons and reads
 * the end state; it never answers, sweeps nor settles anything.
 *
 * Invariant 11 the same way: the worker process (`dist/src/worker.js`, the only one running the
 * AI queue) killed twice in the middle of a submission's replay; a new worker picks up the
 * stalled job alone, and the checks end with each case × repetition recorded once and charged
 * once to the hackathon's verification budget.
 */

const SWEEP_ENV = { TURN_SWEEP_EVERY_MS: '1000', TURN_SWEEP_AFTER_MS: '5000' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A redis-server of the test's own (no persistence: a restart is empty), never the shared one. */
class OwnRedis {
  child: ChildProcess | null = null;
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start() {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await until(
        () =>
          probe
            .connect()
            .then(() => probe.ping())
            .then((p) => p === 'PONG')
            .catch(() => (probe.disconnect(), false)),
        `redis-server sur le port ${this.port}`,
        30_000,
      );
    } finally {
      probe.disconnect();
    }
  }
  async kill() {
    if (!this.child) return;
    const child = this.child;
    this.child = null;
    child.kill('SIGKILL');
    await exited(child);
  }
}

describe('faults with real processes (issue 20)', () => {
  let llm: FakeLlm;

  beforeAll(async () => {
    llm = await startFakeLlm();
  });
  afterAll(() => llm?.close());

  /** The test's app, the child app's environment, and what to check the end state with. */
  async function arrange(redisUrl: string | undefined, students: number) {
    const t = await startTestApp({
      ...fakeLlmEnv(llm),
      APP_ROLE: 'api',
      BCRYPT_ROUNDS: '4',
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    });
    const api = (method: 'post', path: string, who: TestUser) =>
      (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
    const admin = await createUser(t, 'admin');
    const h = await openHackathonVia(api, admin, { quotas: { promptsParEtudiant: 30, tokensParEtudiant: 200_000 } });
    const pupils = await Promise.all(Array.from({ length: students }, () => createUser(t, 'student')));
    /** One new conversation per student, in the students' order. */
    const newConversations = () =>
      Promise.all(
        pupils.map(
          async (s) =>
            (await api('post', '/conversations', s).send({ hackathonId: h.id, tacheId: h.tacheId }).expect(201)).body
              .conversation.id as string,
        ),
      );
    return { t, h, pupils, conversations: await newConversations(), newConversations };
  }

  /** The app as its own process (`dist/src/main.js`, APP_ROLE=all), ready when /health answers. */
  async function startApp(t: TestApp, port: number, env: Record<string, string> = {}) {
    const child = spawnEntry(
      'src/main.ts',
      [],
      commandEnvOf(t, {
        APP_ROLE: 'all',
        PORT: String(port),
        BCRYPT_ROUNDS: '4',
        JOB_BACKOFF_BASE_MS: '50',
        WORKER_LOCK_MS: '1500',
        SHUTDOWN_TIMEOUT_MS: '2000',
        AI_TIMEOUT_MS: '20000',
        ...fakeLlmEnv(llm),
        ...SWEEP_ENV,
        ...env,
      }),
      'ignore',
    );
    await until(
      () =>
        fetch(`http://127.0.0.1:${port}/api/v1/health`)
          .then((r) => r.status === 200)
          .catch(() => child.exitCode !== null && Promise.reject(new Error(`l'app s'est arrêtée (${child.exitCode})`))),
      `l'app sur le port ${port}`,
      120_000,
    );
    return child;
  }

  function send(port: number, who: TestUser, conversationId: string, content: string) {
    return fetch(`http://127.0.0.1:${port}/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { Authorization: who.bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ content }),
    }).then(
      (r) => r.status,
      () => 0, // the connection died with the process
    );
  }

  /** What the database and Redis say once everything settled; `settled` false while something is still open. */
  async function endState(
    t: TestApp,
    h: { id: string },
    pupils: TestUser[],
    conversationIds: string[],
  ): Promise<{ settled: boolean; summary: Record<string, number>; problems: string[] }> {
    const db = t.connection;
    const docs = await db
      .collection('conversations')
      .find({ _id: { $in: conversationIds.map((id) => new Types.ObjectId(id)) } })
      .toArray();
    const ledger = await db
      .collection('usage_ledger')
      .find({ hackathonId: new Types.ObjectId(h.id) })
      .toArray();
    const finished = new Set(ledger.filter((r) => r.kind !== 'reserve').map((r) => r.reservationId));
    const openReservations = ledger.filter((r) => r.kind === 'reserve' && !finished.has(r.reservationId));
    const pending = docs.filter((d) => d.pendingMessageId);
    const stored = new Set(docs.flatMap((d) => ((d.messages ?? []) as any[]).map((m) => String(m._id))));
    const summary = {
      messages: 0,
      answered: 0,
      failed: 0,
      pending: pending.length,
      open: openReservations.length,
      // Reservations of sends killed before their message was stored, refunded by the sweeper.
      refundedWithoutMessage: ledger.filter((r) => r.kind === 'release' && !stored.has(r.reservationId)).length,
      // Totals over the class: the answers' real tokens, what the ledger, Redis and users' tokensUsed say.
      realTokens: 0,
      ledgerTokens: 0,
      counterTokens: 0,
      tokensUsed: 0,
    };
    const problems: string[] = [];
    const gate = t.app.get(QuotaGate);
    for (const s of pupils) {
      const mine = docs.filter((d) => String(d.studentId) === s.id);
      let replies = 0;
      let tokens = 0;
      for (const d of mine) {
        const messages = (d.messages ?? []) as any[];
        for (const m of messages.filter((x) => x.role === 'student')) {
          summary.messages++;
          const answers = messages.filter((x) => String(x.replyTo) === String(m._id));
          if (answers.length > 1) problems.push(`${m._id}: ${answers.length} réponses`);
          if (answers[0]?.role === 'assistant') summary.answered++;
          if (answers[0]?.role === 'system') summary.failed++;
        }
        const assistant = messages.filter((x) => x.role === 'assistant');
        replies += assistant.length;
        tokens += assistant.reduce((sum, x) => sum + (x.tokenCount ?? 0), 0);
        if (d.totalTokens !== tokens && mine.length === 1)
          problems.push(`${d._id}: totalTokens ${d.totalTokens} ≠ ${tokens}`);
      }
      const rows = ledger.filter((r) => String(r.studentId) === s.id);
      const held = {
        prompts: rows.reduce((sum, r) => sum + r.prompts, 0),
        tokens: rows.reduce((sum, r) => sum + r.tokens, 0),
        used: rows.filter((r) => r.kind === 'settle').reduce((sum, r) => sum + (r.used ?? 0), 0),
      };
      summary.realTokens += tokens;
      summary.ledgerTokens += held.tokens;
      if (held.prompts !== replies || held.tokens !== tokens || held.used !== tokens)
        problems.push(`${s.id}: ledger ${JSON.stringify(held)} ≠ messages ${replies} réponses, ${tokens} tokens`);
      const counters = await gate.usage(h.id, s.id);
      summary.counterTokens += counters.tokens;
      if (counters.prompts !== held.prompts || counters.tokens !== held.tokens)
        problems.push(`${s.id}: compteurs Redis ${JSON.stringify(counters)} ≠ ledger`);
      const user = await db.collection('users').findOne({ _id: new Types.ObjectId(s.id) });
      summary.tokensUsed += user?.tokensUsed ?? 0;
      if ((user?.tokensUsed ?? 0) !== held.used)
        problems.push(`${s.id}: tokensUsed ${user?.tokensUsed} ≠ ${held.used}`);
    }
    return { settled: pending.length === 0 && openReservations.length === 0, summary, problems };
  }

  /** Waits (polling) until nothing is open any more, then expects a consistent end state. */
  async function expectConsistentEnd(t: TestApp, h: { id: string }, pupils: TestUser[], conversations: string[]) {
    let last: Awaited<ReturnType<typeof endState>> | null = null;
    await until(
      async () => {
        // The test app's own Redis connection may still be coming back: a failed read is "not yet".
        last = await endState(t, h, pupils, conversations).catch((err: Error) => ({
          settled: false,
          summary: {},
          problems: [`lecture impossible : ${err.message}`],
        }));
        return last.settled && last.problems.length === 0;
      },
      'un état final cohérent',
      180_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message} : ${JSON.stringify(last)}`);
    });
    if (process.env.FAULTS_FIGURES) console.log(JSON.stringify(last));
    return last!;
  }

  it('kill -9 of the all-in-one process during 24 concurrent sends, three times at different points: after each restart every message is answered once or refunded, ledger = counters = tokensUsed', async () => {
    const { t, h, pupils, newConversations } = await arrange(undefined, 24);
    const port = await freePort();
    let app = await startApp(t, port);
    const all: string[] = [];
    const accepted: number[] = [];
    try {
      // Where the kill lands: once the first send was accepted (others are between the gate and
      // their message), then at two moments after the sends start (issue 20 killed at 650 and 800 ms).
      for (const killAt of ['first 202', 150, 400] as const) {
        const conversations = await newConversations();
        all.push(...conversations);
        let ok = 0;
        // Answers take long enough that the kill finds sends and answers in flight.
        const sends = pupils.map((s, i) =>
          send(port, s, conversations[i], `Question ${i} [fake-llm:slow=1500]`).then((status) => {
            if (status === 202) ok++;
            return status;
          }),
        );
        if (killAt === 'first 202') await until(async () => ok > 0, 'un envoi accepté', 60_000);
        else await sleep(killAt);
        app.kill('SIGKILL');
        await exited(app);
        await Promise.all(sends);
        accepted.push(ok);
        app = await startApp(t, port);
      }

      const end = await expectConsistentEnd(t, h, pupils, all);
      if (process.env.FAULTS_FIGURES) console.log(JSON.stringify({ accepted, sends: 3 * pupils.length }));
      expect(end.problems).toEqual([]);
      expect(end.summary.pending).toBe(0);
      expect(end.summary.open).toBe(0);
      // Every stored message got its answer or its refund; every accepted send stored its message.
      expect(end.summary.answered + end.summary.failed).toBe(end.summary.messages);
      expect(end.summary.messages).toBeGreaterThanOrEqual(accepted.reduce((x, y) => x + y, 0));
    } finally {
      app.kill('SIGKILL');
      await exited(app);
      await t.close();
    }
  });

  it('the engine gone for 10 s during answers (every connection cut, then back): every answer lands once, charged its real usage, ledger = counters = tokensUsed', async () => {
    const { t, h, pupils, conversations } = await arrange(undefined, 12);
    // The child app reaches the engine through a proxy the test cuts; the test's app reads it directly.
    const engine = new URL(t.config.MONGODB_URI);
    const proxy = await startTcpProxy({ host: engine.hostname, port: Number(engine.port) });
    const proxied = new URL(t.config.MONGODB_URI);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const port = await freePort();
    const app = await startApp(t, port, { MONGODB_URI: proxied.toString() });
    try {
      llm.reset();
      const sends = pupils.map((s, i) => send(port, s, conversations[i], `Pendant la panne ${i} [fake-llm:slow=2000]`));
      expect(await Promise.all(sends)).toEqual(pupils.map(() => 202));
      // Every answer is at the LLM when the engine goes: none can be stored until it is back.
      await until(async () => llm.requests.length >= pupils.length, 'les 12 réponses en cours', 60_000);
      proxy.cut();
      await sleep(10_000);
      proxy.restore();

      const end = await expectConsistentEnd(t, h, pupils, conversations);
      expect(end.problems).toEqual([]);
      // Longer than the old retry budget (4 attempts, ~7 s of backoff): no answer failed for it.
      expect(end.summary).toEqual(
        expect.objectContaining({ messages: 12, answered: 12, failed: 0, pending: 0, open: 0 }),
      );
    } finally {
      app.kill('SIGKILL');
      await exited(app);
      await t.close();
      await proxy.close();
    }
  });

  it('a Redis of its own killed and restarted empty during answers: in-flight answers charged their real usage, ledger = counters = tokensUsed', async () => {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    const { t, h, pupils, conversations } = await arrange(redis.url, 12);
    const port = await freePort();
    const app = await startApp(t, port);
    try {
      llm.reset();
      const sends = pupils.map((s, i) => send(port, s, conversations[i], `Réponse lente ${i} [fake-llm:slow=4000]`));
      expect(await Promise.all(sends)).toEqual(pupils.map(() => 202));
      // Every answer is at the LLM: Redis dies under them and comes back with nothing.
      await until(async () => llm.requests.length >= pupils.length, 'les 12 réponses en cours', 60_000);
      await redis.kill();
      await redis.start();

      const end = await expectConsistentEnd(t, h, pupils, conversations);
      expect(end.problems).toEqual([]);
      expect(end.summary).toEqual(expect.objectContaining({ messages: 12, pending: 0, open: 0 }));
      expect(end.summary.answered + end.summary.failed).toBe(12);
    } finally {
      app.kill('SIGKILL');
      await exited(app);
      await t.close();
      await redis.kill();
    }
  });

  it('kill -9 of the worker twice during a replay (runs recorded, others at a slow LLM; one run cut both times): a new worker ends it alone, each case × repetition recorded once, charged once, score = passed / runs', async () => {
    const t = await startTestApp({ ...fakeLlmEnv(llm), APP_ROLE: 'api', BCRYPT_ROUNDS: '4' });
    const api = (method: 'get' | 'post' | 'put', path: string, who: TestUser) =>
      (t.http() as any)[method](`/api/v1${path}`).set('Authorization', who.bearer);
    // The fake LLM quotes the prompt: a case expecting its own input passes, one expecting `absent` fails.
    // A and B answer at once, D after 1.5 s, C after 15 s: the kills find runs recorded and C's calls in flight.
    const tag = randomBytes(4).toString('hex');
    const input = (name: string) => `${name}-${tag}`;
    const verification = {
      cas: [
        { entrees: { texte: input('A') }, attendu: [{ type: 'contient', valeur: input('A') }], public: true },
        { entrees: { texte: input('B') }, attendu: [{ type: 'contient', valeur: `absent-${tag}` }], public: false },
        {
          entrees: { texte: `${input('C')} [fake-llm:slow=15000]` },
          attendu: [{ type: 'contient', valeur: input('C') }],
          public: false,
        },
        {
          entrees: { texte: `${input('D')} [fake-llm:slow=1500]` },
          attendu: [{ type: 'contient', valeur: `absent-${tag}` }],
          public: false,
        },
        { entrees: { texte: input('E') }, attendu: [{ type: 'contient', valeur: input('E') }], public: false },
      ],
      regles: [{ type: 'max_mots', valeur: 400 }],
      repetitions: 2,
    };
    const runs = verification.cas.length * verification.repetitions;
    const passed = 3 * verification.repetitions;

    /** The worker as its own process (`dist/src/worker.js`): the only process that runs the AI queue. */
    const startWorker = () =>
      spawnEntry(
        'src/worker.ts',
        [],
        commandEnvOf(t, {
          JOB_BACKOFF_BASE_MS: '50',
          // A killed worker's job is found stalled 1.5 s after its lock's last renewal.
          WORKER_LOCK_MS: '1500',
          SHUTDOWN_TIMEOUT_MS: '2000',
          // C waits 15 s before its first word: well within both deadlines.
          AI_TIMEOUT_MS: '60000',
          AI_FIRST_TOKEN_TIMEOUT_MS: '60000',
          // The job is older than the default window by the end on a loaded machine: a late transient error still retries.
          AI_RETRY_WINDOW_MS: '600000',
          ...fakeLlmEnv(llm),
        }),
        'ignore',
      );
    let worker = startWorker();
    try {
      const admin = await createUser(t, 'admin');
      const student = await createUser(t, 'student');
      const h = await openHackathonVia(api, admin, {
        taches: [{ titre: 'Traduction vérifiée', consigne: 'Traduisez {{texte}}.', verification }],
      });
      // Answered by the worker: it is up and taking AI jobs.
      const c = await answeredConversationVia(api, student, h);
      const recorded = () =>
        t.connection
          .collection('verification_runs')
          .find({ conversationId: new Types.ObjectId(c.id) })
          .toArray();
      const callsOf = (name: string) => llm.requests.filter((r) => r.lastUserMessage?.includes(input(name)));
      const liveCallsOf = (name: string) => callsOf(name).filter((r) => !r.finished && !r.aborted);
      const answeredCallsOf = (name: string) => callsOf(name).filter((r) => r.finished && !r.aborted);

      await api('put', `/conversations/${c.id}/final`, student)
        .send({ promptFinal: 'Traduis {{texte}}', messageId: c.messageId })
        .expect(200);

      // Kill 1: A and B recorded (their 4 runs went first), C's 2 runs at the LLM (reserved, not recorded).
      await until(
        async () => liveCallsOf('C').length === 2 && (await recorded()).filter((r) => r.cas <= 1).length === 4,
        'A et B enregistrés, les 2 exécutions de C en cours',
        180_000,
      );
      worker.kill('SIGKILL');
      await exited(worker);
      const atFirstKill = (await recorded()).length;
      expect(atFirstKill).toBeLessThanOrEqual(runs - 2);

      // Kill 2, in a new worker: it resumed, D and E are recorded, C's 2 runs are at the LLM again (cut a second time).
      worker = startWorker();
      await until(
        async () => callsOf('C').length >= 4 && liveCallsOf('C').length === 2 && (await recorded()).length === runs - 2,
        'le worker repris : D et E enregistrés, C de nouveau en cours',
        180_000,
      );
      worker.kill('SIGKILL');
      await exited(worker);

      // A third worker; nobody presses anything: the stalled job comes back and the replay ends.
      worker = startWorker();
      const asAdmin = async () => (await api('get', `/conversations/${c.id}`, admin).expect(200)).body.conversation;
      const staff = await until(
        async () => {
          const v = (await asAdmin()).versionFinale?.verification;
          return v && v.statut !== 'en_attente' ? v : null;
        },
        'la fin de la vérification',
        300_000,
      );
      // The job is done for good: no attempt is left to run anything again.
      const jobs = t.app.get(JobQueue);
      await until(
        async () => (await (await jobs.getJob('ai', `verify-${c.id}-0`))?.getState()) === 'completed',
        'le job de vérification terminé',
        120_000,
      );

      // What the teacher sees: every case × repetition once, score = passed runs / runs.
      expect(staff).toEqual(
        expect.objectContaining({
          statut: 'terminee',
          reussis: passed,
          total: runs,
          score: passed / runs,
          raison: null,
        }),
      );
      expect(staff.cas.map((x: any) => [x.reussi, x.executions.length])).toEqual([
        [true, 2],
        [false, 2],
        [true, 2],
        [false, 2],
        [true, 2],
      ]);
      const sub = (await api('get', `/submissions/${c.id}`, admin).expect(200)).body.submission;
      expect(sub.versionFinale.verification).toEqual(staff);
      // What the student sees: the end, their public case only; nothing of the hidden ones.
      const mine = (await api('get', `/conversations/${c.id}`, student).expect(200)).body.conversation.versionFinale
        .verification;
      expect(mine).toEqual(expect.objectContaining({ statut: 'terminee', raison: null }));
      expect(mine.cas).toEqual([{ public: true, reussi: true, executions: expect.any(Array) }]);
      expect(mine.cas[0].executions).toHaveLength(2);
      for (const hidden of ['B', 'C', 'D', 'E']) expect(JSON.stringify(mine)).not.toContain(input(hidden));

      // Each run recorded once.
      const rows = await recorded();
      const cells = rows.map((r) => `${r.cas}:${r.repetition}`);
      expect(rows).toHaveLength(runs);
      expect(new Set(cells).size).toBe(runs);
      // Each run charged once: one settled attempt per case × repetition, at what it used; every
      // attempt reserved once and then settled, or (a transient error, retried) released once.
      const steps = await t.connection
        .collection('verification_ledger')
        .find({ hackathonId: new Types.ObjectId(h.id) })
        .toArray();
      expect(expectEachAttemptFinishedOnce(steps as unknown as LedgerStepRow[]).sort()).toEqual([...cells].sort());
      const cost = new Map(rows.map((r) => [`${r.cas}:${r.repetition}`, r.promptTokens + r.completionTokens]));
      for (const s of steps.filter((x) => x.kind === 'settle')) expect(s.used).toBe(cost.get(runCellOf(s.runKey)));
      const charged = rows.reduce((sum, r) => sum + r.promptTokens + r.completionTokens, 0);
      expect(steps.reduce((sum, s) => sum + s.tokens, 0)).toBe(charged);
      // The budget the teacher reads says the same; the student's quota holds only their own prompt.
      const budget = (await api('get', `/hackathons/${h.id}/verifications/budget`, admin).expect(200)).body.budget;
      expect(budget.utilises).toBe(charged);
      const quota = (await api('get', `/hackathons/${h.id}/quota/me`, student).expect(200)).body;
      expect(quota.promptsUsed).toBe(1);

      // Runs recorded before a kill were not run again; C's were cut twice and answered once each, by the third worker.
      for (const name of ['A', 'B']) expect(answeredCallsOf(name)).toHaveLength(2);
      expect(answeredCallsOf('C')).toHaveLength(2);
      expect(callsOf('C').length).toBeGreaterThanOrEqual(6);
      if (process.env.FAULTS_FIGURES)
        console.log(JSON.stringify({ atFirstKill, calls: llm.requests.length, charged, steps: steps.length }));
    } finally {
      worker.kill('SIGKILL');
      await exited(worker);
      await t.close();
    }
  });
});
