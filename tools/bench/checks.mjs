// `npm run bench:checks -- --submissions N`: the automatic checks of a class's final versions,
// measured against the app as it ships, and written into docs/benchmarks.md ("Automatic checks")
// and .data/bench-checks/*.json.
//
//   1. a fresh engine (FerretDB on a PostgreSQL database of its own, or SQLite), a Redis key prefix
//      of its own, the fake LLM streaming as a real model does (first token after --llm-latency
//      ms, then a token every --llm-chunk ms, answers of ~120 tokens), the app as one process
//      (APP_ROLE=all, NODE_ENV=production) with its default settings;
//   2. one hackathon whose task has --cases cases × --repetitions repetitions and two rules, a
//      verification budget every run fits in; N students seeded in bulk;
//   3. the baseline, in the same run: every student sends one prompt and waits for its answer
//      (a round trip a class pays anyway), CPU per round trip per process;
//   4. the measure: every student submits a final version (PUT final, at most --submit-width at
//      once), then the teacher's view is polled until every check ended: wall time from the first
//      submit to the last check's end, CPU per replayed run per process, and that CPU against
//      the baseline's round trip; then the statuses, the runs recorded and the budget spent are
//      checked against what was asked.
// It reports, it does not gate.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { errorKey, keepAliveAgent, now, ok, openSse, request } from './class-http.mjs';
import { sectionBoundsOf } from './class-report.mjs';
import {
  cleanup,
  cpuSnapshot,
  deleteRedisKeys,
  freePort,
  HarnessError,
  inBatches,
  log,
  onCleanup,
  pidSource,
  postgresSource,
  redisSource,
  ROOT,
  run,
  services,
  setCpuSources,
  sleep,
  spawnNode,
  startEngine,
  stopChildren,
  waitFor,
  APP_MAIN,
  CREATE_ADMIN,
  FAKE_LLM,
} from './harness.mjs';
import { seedStudents } from './seed.mjs';

const require = createRequire(import.meta.url);
const { MongoClient } = require('mongodb');
const Redis = require('ioredis');
const bcrypt = require('bcrypt');

const SECTION = '## Automatic checks';

const USAGE = `npm run bench:checks -- [options]
  --submissions N      final versions checked (default 300)
  --cases N            cases of the task (default 5)
  --repetitions N      repetitions of each case (default 3)
  --backend B          postgresql | sqlite (default postgresql when PostgreSQL answers)
  --submit-width N     final versions submitted at once (default 50)
  --llm-latency MS     the fake LLM's first token (default 500)
  --llm-chunk MS       the fake LLM's delay between tokens (default 25)
  --app-env KEY=VALUE  a setting for the app (repeatable); the app's defaults otherwise
  --commit-label L     names the code measured (default: <branch>-<short commit>)
  --out FILE           the report (default docs/benchmarks.md)
  --json-dir DIR       raw figures (default .data/bench-checks)
  --timeout S          watchdog for the whole command (default 3600)`;

function options() {
  const { values } = parseArgs({
    options: {
      submissions: { type: 'string', default: '300' },
      cases: { type: 'string', default: '5' },
      repetitions: { type: 'string', default: '3' },
      backend: { type: 'string' },
      'submit-width': { type: 'string', default: '50' },
      'llm-latency': { type: 'string', default: '500' },
      'llm-chunk': { type: 'string', default: '25' },
      'app-env': { type: 'string', multiple: true, default: [] },
      'commit-label': { type: 'string' },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      'json-dir': { type: 'string', default: '.data/bench-checks' },
      timeout: { type: 'string', default: '3600' },
      help: { type: 'boolean', default: false },
    },
  });
  const int = (name, min, max = Infinity) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new HarnessError(`--${name} : un entier entre ${min} et ${max} (reçu ${values[name]})`);
    return n;
  };
  const appEnv = {};
  for (const kv of values['app-env']) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(kv);
    if (!m) throw new HarnessError(`--app-env attend KEY=VALUE (reçu ${kv})`);
    appEnv[m[1]] = m[2];
  }
  if (values.backend && !['postgresql', 'sqlite'].includes(values.backend))
    throw new HarnessError(`--backend : postgresql ou sqlite (reçu ${values.backend})`);
  return {
    help: values.help,
    submissions: int('submissions', 1),
    // The limits of a task's checks (API 1.2): 1–20 cases, 1–5 repetitions.
    cases: int('cases', 1, 20),
    repetitions: int('repetitions', 1, 5),
    backend: values.backend,
    submitWidth: int('submit-width', 1),
    llmLatencyMs: int('llm-latency', 0),
    llmChunkMs: int('llm-chunk', 0),
    appEnv,
    label: values['commit-label'],
    out: path.resolve(ROOT, values.out),
    jsonDir: path.resolve(ROOT, values['json-dir']),
    timeoutS: int('timeout', 60),
  };
}

const git = (args) =>
  require('node:child_process').spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim();

/** The task: cases whose inputs the fake LLM quotes back (fake-llm.script.ts), so each one passes. */
function checkedTask(cfg) {
  return {
    titre: 'Traduction vérifiée',
    consigne: 'Écrivez un prompt qui traduit {{texte}} en anglais.',
    systeme: 'Tu es un traducteur précis.',
    verification: {
      cas: Array.from({ length: cfg.cases }, (_, i) => ({
        entrees: { texte: `phrase-${i}` },
        attendu: [{ type: 'contient', valeur: `phrase-${i}` }],
        public: i === 0,
      })),
      regles: [
        { type: 'max_mots', valeur: 400 },
        { type: 'ne_contient_pas', valeur: 'ERREUR' },
      ],
      repetitions: cfg.repetitions,
    },
  };
}

/** CPU seconds per process between two snapshots. */
function cpuBetween(a, b) {
  const out = {};
  for (const k of Object.keys(b)) out[k] = b[k] - a[k];
  return out;
}

const PROCESSES = ['app', 'ferretdb', 'postgres', 'redis', 'fake llm'];
const SERVER_SIDE = ['app', 'ferretdb', 'postgres', 'redis'];
const perUnitMs = (cpu, units) =>
  Object.fromEntries(PROCESSES.filter((k) => Number.isFinite(cpu[k])).map((k) => [k, (cpu[k] * 1000) / units]));
const serverMs = (perUnit) => SERVER_SIDE.reduce((s, k) => s + (perUnit[k] ?? 0), 0);

async function checksRun(kind, cfg, shared) {
  const ts = Date.now();
  const dbName = `pc_bench_checks_${ts}`;
  const prefix = `pcbench:checks:${ts}`;
  const engine = await startEngine(kind, dbName);
  onCleanup(async () => log(`Redis : ${await deleteRedisKeys(shared.redisUrl, prefix)} clés ${prefix}:* supprimées`));

  const fake = spawnNode(
    `fake llm ${kind}`,
    [
      FAKE_LLM,
      '--port',
      '0',
      '--latency',
      String(cfg.llmLatencyMs),
      '--chunk-delay',
      String(cfg.llmChunkMs),
      '--pieces',
      'tokens',
    ],
    { PATH: process.env.PATH, HOME: process.env.HOME },
  );
  let fakeUrl = null;
  fake.child.stdout.on('data', (d) => (fakeUrl ??= /FAKE_LLM_URL=(\S+)/.exec(String(d))?.[1] ?? null));
  await waitFor('le faux serveur LLM', fake, async () => fakeUrl !== null);

  const appPort = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    APP_ROLE: 'all',
    LOG_LEVEL: 'warn',
    PORT: String(appPort),
    MONGODB_URI: engine.uri,
    MONGODB_DB: dbName,
    ...engine.env,
    REDIS_URL: shared.redisUrl,
    REDIS_PREFIX: prefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    MAIL_OUTBOX_DIR: path.join(shared.workDir, `outbox-${ts}`),
    AI_FAKE: 'true',
    OPENAI_BASE_URL: `${fakeUrl}/v1`,
    MISTRAL_SERVER_URL: fakeUrl,
    // N sign-ins from one IP within a minute (a class behind its school's address), past the default's two classes of 600.
    ...(cfg.submissions > 1100
      ? { ANONYMOUS_RATE_LIMIT_PER_MINUTE: String(Math.ceil((cfg.submissions + 10) / 100) * 100) }
      : {}),
    ...cfg.appEnv,
  };
  const adminEmail = 'checks-admin@bench.local';
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  await run('create-admin', process.execPath, [CREATE_ADMIN, '--email', adminEmail, '--password', password], {
    env,
    timeoutMs: 120000,
  });
  const app = spawnNode(`app ${kind}`, [APP_MAIN], env);
  const base = `http://127.0.0.1:${appPort}`;
  await waitFor(
    'l’application',
    app,
    async () => (await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2000) })).status === 200,
    120000,
  );
  const agent = keepAliveAgent(64);
  const must = async (method, p, opts, what) => {
    for (let attempt = 1; ; attempt++) {
      const r = await request(agent, base, method, p, { timeoutMs: 300_000, ...opts });
      if (ok(r)) return r.json;
      if (r.status === 429 && attempt < 20) {
        await sleep(3000);
        continue;
      }
      throw new HarnessError(`${what} : ${method} ${p} → ${errorKey(r)}`);
    }
  };
  const login = async (email) =>
    (await must('POST', '/api/v1/auth/login', { body: { email, password } }, `connexion ${email}`)).accessToken;
  const adminToken = await login(adminEmail);
  const started = Date.now();
  const runsPerSubmission = cfg.cases * cfg.repetitions;
  const { hackathon } = await must(
    'POST',
    '/api/v1/hackathons',
    {
      token: adminToken,
      body: {
        nom: `Vérifications ${cfg.submissions} (${ts})`,
        description: 'Banc des vérifications automatiques',
        objectifs: 'Mesurer',
        dates: { debut: new Date(started - 3600_000).toISOString(), fin: new Date(started + 86400_000).toISOString() },
        anonymatActif: false,
        acces: 'tous',
        // Every run fits: ~400 tokens a run (system, prompt, answer of 120), twice over.
        quotas: {
          promptsParEtudiant: 10,
          tokensParEtudiant: 1_000_000,
          tokensVerification: cfg.submissions * runsPerSubmission * 800,
        },
        taches: [checkedTask(cfg)],
      },
    },
    'hackathon',
  );
  await must(
    'POST',
    `/api/v1/hackathons/${hackathon.id}/status`,
    { token: adminToken, body: { statut: 'En cours' } },
    'statut',
  );
  const tacheId = hackathon.taches[0].id;

  const mongo = new MongoClient(engine.uri, { serverSelectionTimeoutMS: 5000, family: 4 });
  await mongo.connect();
  onCleanup(() => mongo.close());
  const students = await seedStudents(mongo.db(dbName), {
    count: cfg.submissions,
    passwordHash: await bcrypt.hash(password, 4),
  });
  log(`${engine.label} : app ${base}, ${students.length} élèves, ${runsPerSubmission} exécutions par version finale`);

  const redis = new Redis(shared.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  onCleanup(() => redis.disconnect());
  setCpuSources([
    pidSource('app', app.child.pid),
    ...(engine.pid ? [pidSource('ferretdb', engine.pid)] : []),
    ...(engine.pg ? [postgresSource(engine.pg, engine.database)] : []),
    redisSource(redis),
    pidSource('fake llm', fake.child.pid),
  ]);

  // Sign-ins and conversations: set-up, not measured.
  const width = cfg.submitWidth;
  await inBatches(students, width, async (s) => {
    s.token = await login(s.email);
    s.conversationId = (
      await must(
        'POST',
        '/api/v1/conversations',
        { token: s.token, body: { hackathonId: hackathon.id, tacheId, maxTokens: 200 } },
        'conversation',
      )
    ).conversation.id;
  });
  const answerOf = async (s) => {
    for (;;) {
      const { conversation } = await must(
        'GET',
        `/api/v1/conversations/${s.conversationId}`,
        { token: s.token },
        'lecture',
      );
      const reply = conversation.messages.find((m) => m.role !== 'student');
      if (reply && !conversation.pendingMessageId) return reply;
      await sleep(1000);
    }
  };

  // Baseline: one prompt round trip per student (send, streamed answer stored), same machine, same run.
  const prompt = `Traduis « {{texte}} » en anglais, sans commentaire. [fake-llm:tokens=120]`;
  const b0 = await cpuSnapshot();
  const bStart = now();
  await inBatches(students, width, async (s) => {
    await must(
      'POST',
      `/api/v1/conversations/${s.conversationId}/messages`,
      { token: s.token, body: { content: prompt.replace('{{texte}}', 'bonjour') } },
      'envoi',
    );
    s.reply = await answerOf(s);
    if (s.reply.role !== 'assistant') throw new HarnessError(`pas de réponse de l’IA : ${s.reply.content}`);
  });
  const bWallS = (now() - bStart) / 1000;
  const b1 = await cpuSnapshot();
  const baseline = perUnitMs(cpuBetween(b0, b1), students.length);

  // The measure: every final version submitted, then every check awaited.
  // Each check's end as the teacher's dashboard hears it (`event: verification`): nothing polled, so the
  // CPU measured is the checks' own.
  const ended = new Map();
  const { ticket } = await must(
    'POST',
    `/api/v1/hackathons/${hackathon.id}/dashboard/stream-ticket`,
    { token: adminToken },
    'ticket du tableau de bord',
  );
  const waitForEnds = new Promise((resolve, reject) => {
    const stream = openSse(base, `/api/v1/hackathons/${hackathon.id}/dashboard/stream?ticket=${ticket}`, {
      onOpen: (status) => status !== 200 && reject(new HarnessError(`flux du tableau de bord : ${status}`)),
      onEvent: (e) => {
        if (e.event !== 'verification' || ended.has(e.data.conversationId)) return;
        ended.set(e.data.conversationId, { statut: e.data.statut, score: e.data.score, at: now() });
        if (ended.size === students.length) {
          stream.close();
          resolve();
        }
      },
      onClose: (reason) => reject(new HarnessError(`flux du tableau de bord fermé : ${reason}`)),
    });
  });
  waitForEnds.catch(() => undefined); // awaited once the submits are done; a failure before is not unhandled
  const c0 = await cpuSnapshot();
  const cStart = now();
  // What the class feels meanwhile: one student's GET /auth/me every second until every check ended.
  const probe = { ms: [], stop: false };
  const probing = (async () => {
    while (!probe.stop) {
      const r = await request(agent, base, 'GET', '/api/v1/auth/me', { token: students[0].token });
      if (ok(r)) probe.ms.push(r.ms);
      await sleep(1000);
    }
  })();
  const submitMs = [];
  await inBatches(students, width, async (s) => {
    const started = now();
    const res = await must(
      'PUT',
      `/api/v1/conversations/${s.conversationId}/final`,
      { token: s.token, body: { promptFinal: prompt, messageId: s.reply.id } },
      'version finale',
    );
    submitMs.push(now() - started);
    if (res.conversation.versionFinale.verification?.statut !== 'en_attente')
      throw new HarnessError(
        `version finale sans vérification en attente : ${JSON.stringify(res.conversation.versionFinale)}`,
      );
  });
  const submittedS = (now() - cStart) / 1000;
  await waitForEnds;
  const wallS = (now() - cStart) / 1000;
  const c1 = await cpuSnapshot();
  probe.stop = true;
  await probing;
  const totalRuns = students.length * runsPerSubmission;
  const perRun = perUnitMs(cpuBetween(c0, c1), totalRuns);

  // What was asked, as recorded: statuses, runs, budget.
  const statuts = {};
  for (const e of ended.values()) statuts[e.statut] = (statuts[e.statut] ?? 0) + 1;
  const db = mongo.db(dbName);
  const recordedRuns = await db.collection('verification_runs').countDocuments({});
  const ledger = await db.collection('verification_ledger').find({}).toArray();
  const ledgerTokens = ledger.reduce((s, r) => s + (r.tokens ?? 0), 0);
  const endTimes = [...ended.values()].map((e) => (e.at - cStart) / 1000).sort((a, b) => a - b);

  await stopChildren((e) => e === app || e === fake);
  agent.destroy();
  await mongo
    .db(dbName)
    .dropDatabase()
    .catch(() => undefined);
  return {
    label: cfg.label,
    appEnv: cfg.appEnv,
    code: shared.code,
    at: new Date().toISOString(),
    engine: engine.label,
    scenario: {
      submissions: students.length,
      cases: cfg.cases,
      repetitions: cfg.repetitions,
      runs: totalRuns,
      submitWidth: width,
      llm: { firstTokenMs: cfg.llmLatencyMs, chunkMs: cfg.llmChunkMs, answerTokens: 120 },
    },
    baseline: { roundTrips: students.length, wallS: bWallS, cpuMs: baseline, serverMs: serverMs(baseline) },
    checks: {
      submittedS,
      wallS,
      endS: { p50: endTimes[Math.floor(endTimes.length / 2)], max: endTimes.at(-1) },
      submitMs: quantiles(submitMs),
      meanwhileMeMs: quantiles(probe.ms),
      runsPerS: totalRuns / wallS,
      cpuMsPerRun: perRun,
      serverMsPerRun: serverMs(perRun),
      ratioToRoundTrip: serverMs(perRun) / serverMs(baseline),
    },
    outcome: { statuts, recordedRuns, ledgerRows: ledger.length, ledgerTokens },
  };
}

/** p50 / p99 of a list of milliseconds. */
function quantiles(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5), p99: at(0.99) };
}

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

/** A run's block marker: its code, size and settings (one block each in the report). */
const settingsOf = (r) =>
  Object.entries(r.appEnv ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
const markerOf = (r) =>
  `<!-- bench:checks ${r.label} ${r.scenario.submissions}x${r.scenario.cases}x${r.scenario.repetitions}${settingsOf(r) ? ` ${settingsOf(r)}` : ''} -->`;

function markdown(r) {
  const s = r.scenario;
  const cpuRow = (name, ms) =>
    `| ${name} | ${['app', 'ferretdb', 'postgres', 'redis', 'fake llm'].map((k) => f1(ms[k])).join(' | ')} | ${f1(serverMs(ms))} |`;
  return [
    markerOf(r),
    `### ${s.submissions} final versions × ${s.cases} cases × ${s.repetitions} repetitions (${r.label}, ${r.engine})`,
    '',
    `${r.at.slice(0, 10)}, code ${r.code.serverCommit}${r.code.dirty ? ' (uncommitted changes)' : ''}. LLM stub: first token ${s.llm.firstTokenMs} ms, then ${s.llm.chunkMs} ms a token, ~${s.llm.answerTokens} tokens an answer (~${f1((s.llm.firstTokenMs + 119 * s.llm.chunkMs) / 1000)} s a run alone). ${s.submitWidth} submits at once.`,
    '',
    `- ${s.runs} replayed runs: every check ended in **${f1(r.checks.wallS)} s** from the first submit (submits took ${f1(r.checks.submittedS)} s; half the final versions had their result after ${f1(r.checks.endS.p50)} s), ${f1(r.checks.runsPerS)} runs/s.`,
    `- Meanwhile: a final version's submit (PUT final) p50 / p99 ${f0(r.checks.submitMs.p50)} / ${f0(r.checks.submitMs.p99)} ms; a student's \`GET /auth/me\` every second p50 / p99 ${f0(r.checks.meanwhileMeMs.p50)} / ${f0(r.checks.meanwhileMeMs.p99)} ms (${r.checks.meanwhileMeMs.n} requests).${
      Object.keys(r.appEnv ?? {}).length
        ? ` App settings: ${Object.entries(r.appEnv)
            .map(([k, v]) => `\`${k}=${v}\``)
            .join(', ')}.`
        : ' App settings: defaults.'
    }`,
    `- Outcome: ${Object.entries(r.outcome.statuts)
      .map(([k, v]) => `${v} \`${k}\``)
      .join(
        ', ',
      )}; ${r.outcome.recordedRuns} runs recorded for ${s.runs} asked; ${r.outcome.ledgerRows} budget rows, ${r.outcome.ledgerTokens} tokens charged to the verification budget.`,
    `- CPU of a replayed run, all server processes: **${f1(r.checks.serverMsPerRun)} ms**, ${f2(r.checks.ratioToRoundTrip)}× a student's prompt round trip measured in the same run (${f1(r.baseline.serverMs)} ms: send, streamed answer, dashboard).`,
    '',
    '| CPU ms per unit | app | FerretDB | PostgreSQL | Redis | fake LLM | server side |',
    '|---|---|---|---|---|---|---|',
    cpuRow('replayed run', r.checks.cpuMsPerRun),
    cpuRow('baseline: prompt round trip', r.baseline.cpuMs),
    `<!-- /bench:checks -->`,
  ].join('\n');
}

const METHOD = `${SECTION}

\`npm run bench:checks -- --submissions 300 --cases 5 --repetitions 3\` (tools/bench/checks.mjs): a
class's final versions submitted at once to a task with automatic checks, each replayed on every
case × repetition through the AI queue against a fake LLM streaming at a real model's pace; wall
time to the last result and CPU per replayed run of every server process, against a student's prompt
round trip measured in the same run (the baseline). Statuses, recorded runs and the budget charged
are read back from the database.
`;

function writeSection(file, r) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const bounds = sectionBoundsOf(text, SECTION);
  const section = bounds ? text.slice(bounds[0], bounds[1]) : '';
  const blocks = [...section.matchAll(/<!-- bench:checks [^\n]*? -->\n[\s\S]*?<!-- \/bench:checks -->/g)].map(
    (m) => m[0],
  );
  const head = markerOf(r);
  const mine = blocks.findIndex((b) => b.startsWith(head));
  if (mine >= 0) blocks[mine] = markdown(r);
  else blocks.push(markdown(r));
  const body = `${METHOD}\n${blocks.join('\n\n')}\n`;
  const out = bounds
    ? `${text.slice(0, bounds[0])}${body}${bounds[1] < text.length ? '\n' : ''}${text.slice(bounds[1])}`
    : `${text.replace(/\n*$/, '\n\n')}${body}`;
  fs.writeFileSync(file, out);
}

async function main(cfg) {
  if (cfg.help) return void process.stdout.write(`${USAGE}\n`);
  for (const f of [APP_MAIN, CREATE_ADMIN, FAKE_LLM])
    if (!fs.existsSync(f)) throw new HarnessError(`${path.relative(ROOT, f)} absent : lancez npm run build`);
  const code = {
    head: git(['rev-parse', '--short', 'HEAD']),
    branch: git(['rev-parse', '--abbrev-ref', 'HEAD']),
    serverCommit: git(['log', '-1', '--format=%h', '--', 'src', 'libs', 'config']),
    dirty: git(['status', '--porcelain', '--', 'src', 'libs', 'config']) !== '',
  };
  cfg.label ??= `${code.branch}-${code.head}${code.dirty ? '-dirty' : ''}`;
  const pgUp = await services.postgresAnswers(process.env.FERRETDB_POSTGRESQL_URL || services.DEFAULT_POSTGRESQL_URL);
  const kind = cfg.backend ?? (pgUp ? 'postgresql' : 'sqlite');
  const workDir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'pc-bench-checks-'));
  onCleanup(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const redisHandle = await services.ensureRedis(redisUrl, { log });
  if (redisHandle) onCleanup(() => redisHandle.stop());
  const result = await checksRun(kind, cfg, { redisUrl, workDir, code });
  fs.mkdirSync(cfg.jsonDir, { recursive: true });
  const jsonFile = path.join(
    cfg.jsonDir,
    `${cfg.label}-${kind}-${cfg.submissions}x${cfg.cases}x${cfg.repetitions}.json`,
  );
  fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  writeSection(cfg.out, result);
  process.stdout.write(
    `\n${markdown(result)}\n\nécrit : ${path.relative(ROOT, cfg.out)}, ${path.relative(ROOT, jsonFile)}\n`,
  );
}

let exitCode = 0;
try {
  const cfg = options();
  setTimeout(() => {
    log(`délai de ${cfg.timeoutS} s dépassé : arrêt et nettoyage…`);
    cleanup().finally(() => process.exit(1));
  }, cfg.timeoutS * 1000).unref();
  await main(cfg);
} catch (err) {
  exitCode = 1;
  log(`échec : ${err instanceof HarnessError ? err.message : (err?.stack ?? err)}\n${USAGE}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
