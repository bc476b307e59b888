// `npm run bench:class -- --students N`: a class in a school, simulated against the app as it
// ships, and written into docs/benchmarks.md ("Class simulation") and .data/bench-class/*.json.
//
// For each backend and class size:
//   1. a fresh engine (FerretDB on a PostgreSQL database of its own, or on SQLite in a temp
//      folder), a Redis key prefix of its own, the fake LLM streaming as a real model does
//      (first token after --llm-latency ms, then one token every --llm-chunk ms; answers of ~120
//      tokens), the app as one process (dist/src/main.js, APP_ROLE=all, NODE_ENV=production,
//      LOG_LEVEL=warn) with its default settings: only what a run needs (ports, URLs, secret)
//      and the rate limits a class behind one school IP would hit, plus any --app-env;
//   2. one admin (create-admin), N students seeded in bulk through the driver (seed.mjs), one
//      hackathon `En cours` open to all with quotas every prompt fits in, one task;
//   3. the students in child processes (class-students.mjs): sign-ins spread over 20 s, each
//      opens a conversation and its SSE stream, then sends --prompts prompts, waiting for each
//      answer and thinking 3–12 s before the next; the teacher (this process) polls the
//      dashboard every 2 s and keeps its SSE stream open; the CPU of every process is sampled
//      every 2 s;
//   4. after the last answer (and a grace period when some are missing): stuck turns and the
//      quota's exactness, through the public API only; then everything is stopped, the database
//      dropped and the Redis keys deleted — also on failure.
//
// `--compare a.json b.json` prints the figures of two runs side by side with their ratio.
// It reports, it does not gate: exit 0 when a budget is missed, non-zero when the harness fails.
import { fork, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { errorKey, keepAliveAgent, now, ok, openSse, request } from './class-http.mjs';
import { compareRuns, runMarkdown, summaryLines, writeClassSection } from './class-report.mjs';
import { seeded } from './class-students.mjs';
import {
  cleanup,
  cleanupMark,
  cleanupTo,
  cpuSecondsOf,
  cpuSnapshot,
  deleteRedisKeys,
  freePort,
  HarnessError,
  inBatches,
  log,
  memoryOf,
  onCleanup,
  percentile,
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

const STUDENTS_WORKER = path.join(ROOT, 'tools', 'bench', 'class-students.mjs');

// Defaults of config/env.schema.ts this harness has to reason about.
const APP_DEFAULTS = { ANONYMOUS_RATE_LIMIT_PER_MINUTE: 1200, BCRYPT_ROUNDS: 10 };

const USAGE = `npm run bench:class -- [options]
  --students N[,M]     class sizes, one run each (default 300,600)
  --backend B          postgresql | sqlite | both (default postgresql when PostgreSQL answers, else sqlite)
  --prompts N          prompts per student (default 4)
  --think A-B          seconds of thought between two prompts, uniform (default 3-12)
  --sign-in-window S   sign-ins spread uniformly over S seconds (default 20)
  --app-env KEY=VALUE  a setting for the app (repeatable); the app's defaults otherwise
  --commit-label L     names the code measured (default: <branch>-<short commit>)
  --out FILE           the report (default docs/benchmarks.md)
  --json-dir DIR       raw figures, <label>-<backend>-<N>.json (default .data/bench-class)
  --workers N          student processes (default: one per 250 students, at least 1)
  --llm-latency MS     the fake LLM's first token (default 500)
  --llm-chunk MS       the fake LLM's delay between tokens (default 25)
  --answer-timeout S   a student stops waiting for an answer after S seconds (default 120)
  --request-timeout S  a student's request (or stream opening) gives up after S seconds (default 300)
  --grace S            wait for missing answers before the checks (default 15)
  --seed N             the class's random draws (default 1)
  --app-log FILE       the app's output into FILE.<backend>-<N>
  --app-cpu-prof DIR   the app's V8 CPU profile, written into DIR when it stops (node --cpu-prof)
  --timeout S          watchdog for the whole command (default 3600)
  --compare A.json B.json   print the figures of two runs and B/A`;

function fail(message) {
  throw new HarnessError(message);
}

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      students: { type: 'string', default: '300,600' },
      backend: { type: 'string' },
      prompts: { type: 'string', default: '4' },
      think: { type: 'string', default: '3-12' },
      'sign-in-window': { type: 'string', default: '20' },
      'app-env': { type: 'string', multiple: true, default: [] },
      'commit-label': { type: 'string' },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      'json-dir': { type: 'string', default: '.data/bench-class' },
      workers: { type: 'string' },
      'llm-latency': { type: 'string', default: '500' },
      'llm-chunk': { type: 'string', default: '25' },
      'answer-timeout': { type: 'string', default: '120' },
      'request-timeout': { type: 'string', default: '300' },
      grace: { type: 'string', default: '15' },
      seed: { type: 'string', default: '1' },
      'app-log': { type: 'string' },
      'app-cpu-prof': { type: 'string' },
      timeout: { type: 'string', default: '3600' },
      compare: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const int = (name, min = 0) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) fail(`--${name} doit être un entier ≥ ${min} (reçu ${values[name]})`);
    return n;
  };
  const think = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(values.think);
  if (!think || Number(think[1]) > Number(think[2])) fail(`--think attend A-B en secondes (reçu ${values.think})`);
  const appEnv = {};
  for (const kv of values['app-env']) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(kv);
    if (!m) fail(`--app-env attend KEY=VALUE (reçu ${kv})`);
    appEnv[m[1]] = m[2];
  }
  const students = values.students.split(',').map((s) => Number(s.trim()));
  if (students.some((n) => !Number.isInteger(n) || n < 1)) fail(`--students : ${values.students}`);
  if (values.backend && !['postgresql', 'sqlite', 'both'].includes(values.backend))
    fail(`--backend : postgresql, sqlite ou both (reçu ${values.backend})`);
  return {
    help: values.help,
    compare: values.compare ? positionals : null,
    students,
    backend: values.backend,
    prompts: int('prompts', 1),
    thinkMinMs: Number(think[1]) * 1000,
    thinkMaxMs: Number(think[2]) * 1000,
    signInWindowMs: int('sign-in-window', 0) * 1000,
    appEnv,
    label: values['commit-label'],
    out: path.resolve(ROOT, values.out),
    jsonDir: path.resolve(ROOT, values['json-dir']),
    workers: values.workers === undefined ? null : int('workers', 1),
    llmLatencyMs: int('llm-latency'),
    llmChunkMs: int('llm-chunk'),
    answerTimeoutMs: int('answer-timeout', 1) * 1000,
    requestTimeoutMs: int('request-timeout', 1) * 1000,
    graceMs: int('grace') * 1000,
    seed: int('seed'),
    appLog: values['app-log'],
    appCpuProf: values['app-cpu-prof'],
    timeoutS: int('timeout', 60),
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';

function codeInfo() {
  const head = git(['rev-parse', '--short', 'HEAD']);
  const branch = git(['rev-parse', '--abbrev-ref', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--', 'src', 'libs', 'config']) !== '';
  // The last commit that changed the server's code: what the figures are about.
  const serverCommit = git(['log', '-1', '--format=%h', '--', 'src', 'libs', 'config']);
  const distAt = fs.existsSync(APP_MAIN) ? fs.statSync(APP_MAIN).mtime.toISOString() : null;
  return { head, branch, serverCommit, dirty, distAt };
}

/** The environment the app and its helpers start from: the system's, none of the app's settings. */
function systemEnv() {
  const env = {};
  for (const k of ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'USER']) if (process.env[k]) env[k] = process.env[k];
  return env;
}

/**
 * The settings a class behind one school IP would be refused by, raised just enough. Sign-in is
 * anonymous, so its default per-request limit counts per IP (src/identity/identity.module.ts:
 * ANONYMOUS_RATE_LIMIT_PER_MINUTE per route and IP): the N students, the admin and this
 * harness's checks sign in within the window from 127.0.0.1. Per-user limits are not hit by a
 * student (a dozen requests a minute).
 */
function classOverrides(students, given) {
  const out = {};
  const signIns = students + 5;
  if (signIns > APP_DEFAULTS.ANONYMOUS_RATE_LIMIT_PER_MINUTE && given.ANONYMOUS_RATE_LIMIT_PER_MINUTE === undefined) {
    out.ANONYMOUS_RATE_LIMIT_PER_MINUTE = {
      value: String(Math.ceil(signIns / 100) * 100),
      why: `${students} sign-ins from one IP within the window against the anonymous per-IP default of ${APP_DEFAULTS.ANONYMOUS_RATE_LIMIT_PER_MINUTE}/min on POST /auth/login`,
    };
  }
  return out;
}

const sorted = (xs) => Float64Array.from(xs.filter(Number.isFinite)).sort();
function stats(xs) {
  const s = sorted(xs);
  return {
    n: s.length,
    p50: percentile(s, 0.5),
    p90: percentile(s, 0.9),
    p99: percentile(s, 0.99),
    max: s.length ? s[s.length - 1] : NaN,
  };
}

function add(into, from) {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + v;
  return into;
}

async function firstLine(entry, pattern, what) {
  let found = null;
  entry.child.stdout.on('data', (d) => {
    found ??= pattern.exec(String(d))?.[1] ?? null;
  });
  await waitFor(what, entry, async () => found !== null);
  return found;
}

/** The fake LLM alone, measured from here: a few streamed answers one after the other. */
async function llmAlone(fakeUrl) {
  const one = async (i) => {
    const started = now();
    const res = await fetch(`${fakeUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: `Sonde ${i} du banc de classe. [fake-llm:tokens=120]` }],
      }),
    });
    let first = null;
    let pieces = 0;
    let tokens = NaN;
    let buffer = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer.slice(6, cut);
        buffer = buffer.slice(cut + 2);
        if (data === '[DONE]') continue;
        const j = JSON.parse(data);
        if (j.choices?.[0]?.delta?.content) {
          first ??= now() - started;
          pieces++;
        }
        if (j.usage) tokens = j.usage.completion_tokens;
      }
    }
    return { firstMs: first, wholeMs: now() - started, pieces, tokens };
  };
  await one(0); // the tokenizer loads on the first answer
  const runs = [];
  for (let i = 1; i <= 3; i++) runs.push(await one(i));
  return {
    firstMs: stats(runs.map((r) => r.firstMs)).p50,
    wholeMs: stats(runs.map((r) => r.wholeMs)).p50,
    pieces: runs[0].pieces,
    tokens: runs[0].tokens,
  };
}

// ---------------------------------------------------------------------------------------------
// The teacher: the dashboard polled every 2 s, and its SSE stream open.

function startTeacher({ base, hackathonId, adminToken, until }) {
  const agent = keepAliveAgent(4);
  const out = { polls: [], errors: {}, resent: 0, sse: { events: {}, bytes: 0, drops: 0, opened: 0, lags: [] } };
  let stopped = false;
  let sse = null;
  const openStream = async () => {
    while (!stopped) {
      const t = await request(agent, base, 'POST', `/api/v1/hackathons/${hackathonId}/dashboard/stream-ticket`, {
        token: adminToken,
      });
      if (!ok(t)) {
        add(out.errors, { [`POST /hackathons/:id/dashboard/stream-ticket ${errorKey(t)}`]: 1 });
        await sleep(2000);
        continue;
      }
      const status = await new Promise((resolve) => {
        let opened = false;
        sse = openSse(base, `/api/v1/hackathons/${hackathonId}/dashboard/stream?ticket=${t.json.ticket}`, {
          onOpen: (code) => {
            opened = true;
            resolve(code);
          },
          onEvent: (e) => {
            add(out.sse.events, { [e.event]: 1 });
            // A `student` event's id is its Redis stream entry's (`<ms>-<seq>`, Redis's clock on
            // this machine): how long after the change the teacher saw it.
            const at = Number(/^(\d+)-\d+$/.exec(e.id ?? '')?.[1]);
            if (Number.isFinite(at)) out.sse.lags.push(now() - at);
          },
          onClose: (reason) => {
            if (!opened) return resolve(`network ${reason}`);
            out.sse.bytes += sse.bytes();
            sse = null;
            out.sse.drops++;
            if (!stopped) void sleep(1000).then(openStream);
          },
        });
      });
      if (status === 200) {
        out.sse.opened++;
        return;
      }
      add(out.errors, { [`GET /hackathons/:id/dashboard/stream ${status}`]: 1 });
      await sleep(2000);
    }
  };
  const ready = openStream();
  const polling = (async () => {
    await ready;
    while (!stopped && now() < until()) {
      const started = now();
      const r = await request(agent, base, 'GET', `/api/v1/hackathons/${hackathonId}/dashboard`, {
        token: adminToken,
      });
      if (ok(r)) out.polls.push({ at: r.at, ms: r.ms, bytes: r.bytes });
      else add(out.errors, { [`GET /hackathons/:id/dashboard ${errorKey(r)}`]: 1 });
      if (r.resent) out.resent++;
      await sleep(Math.max(0, started + 2000 - now()));
    }
  })();
  return {
    ready,
    async stop() {
      stopped = true;
      await polling;
      if (sse) {
        out.sse.bytes += sse.bytes();
        sse.close();
      }
      agent.destroy();
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Checks through the public API, once the class is done

async function checks({ base, hackathonId, adminToken, turnsByStudent, students }) {
  const agent = keepAliveAgent(8);
  // The checks are not measured: a 429 of the per-user limit is waited out.
  const get = async (p) => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const r = await request(agent, base, 'GET', p, { token: adminToken, timeoutMs: 120_000 });
      if (ok(r)) return r.json;
      if (r.status !== 429) throw new HarnessError(`contrôle GET ${p} → ${errorKey(r)}`);
      await sleep(5000);
    }
    throw new HarnessError(`contrôle GET ${p} : toujours 429`);
  };
  const pages = async (p) => {
    const items = [];
    for (let page = 1; ; page++) {
      const r = await get(`${p}${p.includes('?') ? '&' : '?'}page=${page}&limit=100`);
      items.push(...r.items);
      if (items.length >= r.total || r.items.length === 0) return items;
    }
  };
  const participants = await pages(`/api/v1/hackathons/${hackathonId}/participants`);
  const conversations = await pages(`/api/v1/hackathons/${hackathonId}/conversations`);
  const stuck = conversations.filter((c) => c.pendingMessageId).map((c) => c.id);
  const byStudent = new Map();
  await inBatches(conversations, 8, async (c) => {
    const { conversation } = await get(`/api/v1/conversations/${c.id}?limit=100`);
    const answers = conversation.messages.filter((m) => m.role === 'assistant');
    const s = byStudent.get(c.studentId) ?? { answered: 0, tokens: 0 };
    s.answered += answers.length;
    s.tokens += answers.reduce((sum, m) => sum + (m.tokenCount ?? 0), 0);
    byStudent.set(c.studentId, s);
  });
  const participantOf = new Map(participants.map((p) => [p.studentId, p]));
  const mismatches = [];
  const unseen = [];
  await inBatches(students, 8, async (st) => {
    const { user } = await get(`/api/v1/users/${st.id}`);
    const p = participantOf.get(st.id);
    const stored = byStudent.get(st.id) ?? { answered: 0, tokens: 0 };
    const seen = (turnsByStudent.get(st.index) ?? []).filter((t) => t.role === 'assistant').length;
    const row = {
      student: st.index,
      promptsUsed: p?.promptsUsed,
      answeredStored: stored.answered,
      answeredSeen: seen,
      tokensUsedParticipant: p?.tokensUsed,
      tokensOfAnswers: stored.tokens,
      tokensUsedUser: user.tokensUsed,
    };
    if (!p || p.promptsUsed !== stored.answered || p.tokensUsed !== stored.tokens || user.tokensUsed !== stored.tokens)
      mismatches.push(row);
    // Not a quota fault, but said: answers stored that the student never received (its send's
    // 202 did not come back in time), or received and not stored.
    if (stored.answered !== seen) unseen.push(row);
  });
  agent.destroy();
  return { stuck, mismatches, unseen, checked: students.length, participants: participants.length };
}

// ---------------------------------------------------------------------------------------------
// One run: one backend, one class size

function forkStudents(count) {
  return Array.from({ length: count }, (_, i) => {
    const child = fork(STUDENTS_WORKER, [], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    onCleanup(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const result = new Promise((resolve, reject) => {
      child.on('message', (m) => {
        if (m?.type === 'result') resolve(m.result);
        if (m?.type === 'failed') reject(new HarnessError(`élèves ${i} : ${m.error}`));
      });
      child.on('exit', (code) => reject(new HarnessError(`le processus d'élèves ${i} s'est arrêté (${code})`)));
    });
    return { child, result };
  });
}

async function classRun(kind, studentsCount, cfg, shared) {
  const mark = cleanupMark();
  const ts = Date.now();
  const dbName = `pc_bench_class_${ts}`;
  const prefix = `pcbench:class:${ts}`;
  const loadBefore = os.loadavg();
  log(`=== ${kind}, ${studentsCount} élèves ===`);
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
    systemEnv(),
  );
  const fakeUrl = await firstLine(fake, /FAKE_LLM_URL=(\S+)/, 'le faux serveur LLM');

  const overrides = classOverrides(studentsCount, cfg.appEnv);
  const appPort = await freePort();
  const env = {
    ...systemEnv(),
    // What a run needs to exist; no performance setting among them.
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
    ...Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, v.value])),
    ...cfg.appEnv,
  };
  const adminEmail = 'class-admin@bench.local';
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  await run('create-admin', process.execPath, [CREATE_ADMIN, '--email', adminEmail, '--password', password], {
    env,
    timeoutMs: 120000,
  });
  const profile = cfg.appCpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cfg.appCpuProf)}`] : [];
  const app = spawnNode(`app ${kind}`, [...profile, APP_MAIN], env);
  if (cfg.appLog) {
    const file = fs.createWriteStream(`${cfg.appLog}.${kind}-${studentsCount}`);
    app.child.stdout.pipe(file);
    app.child.stderr.pipe(file);
  }
  const base = `http://127.0.0.1:${appPort}`;
  await waitFor(
    'l’application',
    app,
    async () => (await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2000) })).status === 200,
    120000,
  );
  const setup = keepAliveAgent(4);
  const must = async (method, p, opts, what) => {
    const r = await request(setup, base, method, p, opts);
    if (!ok(r)) throw new HarnessError(`${what} : ${method} ${p} → ${errorKey(r)}`);
    return r.json;
  };
  const signInAdmin = async () =>
    (await must('POST', '/api/v1/auth/login', { body: { email: adminEmail, password } }, 'admin')).accessToken;
  let adminToken = await signInAdmin();
  const started = Date.now();
  const { hackathon } = await must(
    'POST',
    '/api/v1/hackathons',
    {
      token: adminToken,
      body: {
        nom: `Classe ${studentsCount} (${ts})`,
        description: 'Simulation d’une classe (banc de mesure)',
        objectifs: 'Mesurer',
        dates: { debut: new Date(started - 3600_000).toISOString(), fin: new Date(started + 86400_000).toISOString() },
        anonymatActif: false,
        acces: 'tous',
        // Every prompt fits: 4 prompts of ~640 reserved tokens each (prompt window + maxTokens 512).
        quotas: { promptsParEtudiant: cfg.prompts * 10, tokensParEtudiant: 1_000_000 },
        taches: ['Écrire un bon prompt'],
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
  // The hash a school's users would have: the app's cost (BCRYPT_ROUNDS), whose compare each sign-in pays.
  const rounds = Number(env.BCRYPT_ROUNDS ?? APP_DEFAULTS.BCRYPT_ROUNDS);
  const students = await seedStudents(mongo.db(dbName), {
    count: studentsCount,
    passwordHash: await bcrypt.hash(password, rounds),
  });
  log(`${engine.label} : app ${base}, ${students.length} élèves, hackathon ${hackathon.id}`);
  const llm = await llmAlone(fakeUrl);
  log(
    `LLM seul : premier token ${llm.firstMs.toFixed(0)} ms, réponse ${llm.wholeMs.toFixed(0)} ms (${llm.pieces} morceaux)`,
  );

  // CPU of every process involved, sampled every 2 s.
  const redis = new Redis(shared.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  onCleanup(() => redis.disconnect());
  const workers = forkStudents(cfg.workers ?? Math.max(1, Math.ceil(studentsCount / 250)));
  setCpuSources([
    pidSource('app', app.child.pid),
    ...(engine.pid ? [pidSource('ferretdb', engine.pid)] : []),
    ...(engine.pg ? [postgresSource(engine.pg, engine.database)] : []),
    redisSource(redis),
    pidSource('fake llm', fake.child.pid),
  ]);
  const snapshot = async () => {
    const snap = await cpuSnapshot();
    // cpuSnapshot's `load generator` is this process; the students' processes are added to it.
    snap['load generator'] += workers.reduce((sum, w) => sum + cpuSecondsOf(w.child.pid), 0);
    snap.workers = workers.map((w) => cpuSecondsOf(w.child.pid));
    return { at: now(), cpu: snap };
  };

  // The class: sign-in moments spread uniformly over the window (one per slice, at a random
  // point of it), students dealt to the processes in turn.
  const random = seeded(cfg.seed);
  const t0 = now() + 3000;
  const shares = workers.map(() => []);
  for (const s of students) {
    shares[s.index % workers.length].push({
      ...s,
      signInAtMs: ((s.index + random()) / students.length) * cfg.signInWindowMs,
    });
  }
  let classDone = false;
  const teacher = startTeacher({
    base,
    hackathonId: hackathon.id,
    adminToken,
    until: () => (classDone ? 0 : Infinity),
  });
  await teacher.ready;
  // Samples from t0 on, every 2 s: the session window starts with the first sign-in.
  const samples = [await snapshot()];
  let sampling = true;
  const sampler = (async () => {
    await sleep(Math.max(0, t0 - now()));
    while (sampling) {
      samples.push(await snapshot());
      await sleep(2000);
    }
  })();
  workers.forEach((w, i) =>
    w.child.send({
      type: 'start',
      job: {
        base,
        students: shares[i],
        t0,
        hackathonId: hackathon.id,
        tacheId,
        prompts: cfg.prompts,
        thinkMinMs: cfg.thinkMinMs,
        thinkMaxMs: cfg.thinkMaxMs,
        answerTimeoutMs: cfg.answerTimeoutMs,
        requestTimeoutMs: cfg.requestTimeoutMs,
        password,
        seed: cfg.seed,
      },
    }),
  );
  const loadStart = os.loadavg();
  const results = await Promise.all(workers.map((w) => w.result));
  const endedAt = now();
  classDone = true;
  sampling = false;
  await sampler;
  samples.push(await snapshot());
  const teacherOut = await teacher.stop();
  const memory = memoryOf(app.child.pid);
  const loadEnd = os.loadavg();
  for (const w of workers) w.child.send({ type: 'exit' });

  const turns = results.flatMap((r) => r.turns);
  // Answer lengths in tokens (the fake LLM streams one piece per token), counted here once the
  // class is over, so the count costs the measured processes nothing.
  const { Tiktoken } = require('js-tiktoken/lite');
  const cl100k = new Tiktoken(require('js-tiktoken/ranks/cl100k_base'));
  for (const turn of turns) {
    if (turn.content !== undefined) turn.answerTokens = cl100k.encode(turn.content).length;
    delete turn.content;
  }
  const missing = turns.filter((t) => t.messageId && t.doneAt === undefined).length;
  if (missing && cfg.graceMs) {
    log(`${missing} réponses manquantes : ${cfg.graceMs / 1000} s de grâce avant les contrôles`);
    await sleep(cfg.graceMs);
  }
  if (app.child.exitCode !== null || app.child.signalCode !== null)
    throw new HarnessError(`l’application s’est arrêtée pendant la mesure : ${app.tail()}`);
  const turnsByStudent = new Map();
  for (const t of turns) turnsByStudent.set(t.student, [...(turnsByStudent.get(t.student) ?? []), t]);
  let checked;
  try {
    adminToken = await signInAdmin(); // the access token may have expired during a long run
    checked = await checks({ base, hackathonId: hackathon.id, adminToken, turnsByStudent, students });
  } catch (err) {
    // An app too far behind to answer the checks: the class's figures are still reported, the
    // checks said not done (with why), never counted as passed.
    log(`contrôles impossibles : ${err.message}`);
    checked = { failed: err.message, stuck: [], mismatches: [], unseen: [], checked: 0, participants: 0 };
  }
  setup.destroy();

  await stopChildren((e) => e === app || e === fake);
  await mongo
    .db(dbName)
    .dropDatabase()
    .catch(() => undefined);
  await cleanupTo(mark);

  return figures({
    kind,
    engine: engine.label,
    cfg,
    shared,
    studentsCount,
    overrides,
    llm,
    t0,
    endedAt,
    results,
    turns,
    teacher: teacherOut,
    samples,
    memory,
    checked,
    load: { before: loadBefore, start: loadStart, end: loadEnd, after: os.loadavg() },
  });
}

// ---------------------------------------------------------------------------------------------
// Figures of one run

/** CPU seconds per process between two samples; `machine` is every core's busy time. */
function cpuBetween(a, b) {
  const out = {};
  for (const k of Object.keys(b.cpu)) if (k !== 'workers') out[k] = b.cpu[k] - a.cpu[k];
  return out;
}

/** Prompt round trips inside [from, to], each counted for the share of its duration inside. */
function roundTripsWithin(turns, from, to) {
  let n = 0;
  for (const t of turns) {
    if (t.doneAt === undefined) continue;
    const span = t.doneAt - t.sentAt;
    const inside = Math.max(0, Math.min(to, t.doneAt) - Math.max(from, t.sentAt));
    n += span > 0 ? inside / span : t.sentAt >= from && t.sentAt <= to ? 1 : 0;
  }
  return n;
}

const PROCESSES = ['app', 'ferretdb', 'postgres', 'redis', 'fake llm', 'load generator'];
const SERVER_SIDE = ['app', 'ferretdb', 'postgres', 'redis'];

/**
 * CPU per process over [from, to], on the samples around it (`outward`: the window covers it all)
 * or inside it (the steady window must not take in the sign-ins before it).
 */
function cpuWindow(samples, turns, from, to, { outward }) {
  const before = (t) => [...samples].reverse().find((s) => s.at <= t);
  const after = (t) => samples.find((s) => s.at >= t);
  const a = (outward ? before(from) : after(from)) ?? samples[0];
  const b = (outward ? after(to) : before(to)) ?? samples.at(-1);
  if (!a || !b || b.at <= a.at) return null;
  const cpu = cpuBetween(a, b);
  const wallS = (b.at - a.at) / 1000;
  const roundTrips = roundTripsWithin(turns, a.at, b.at);
  const perRoundTripMs = {};
  for (const k of PROCESSES) perRoundTripMs[k] = (cpu[k] * 1000) / roundTrips;
  const serverSide = SERVER_SIDE.reduce((sum, k) => sum + (Number.isFinite(cpu[k]) ? cpu[k] : 0), 0);
  const ours = PROCESSES.reduce((sum, k) => sum + (Number.isFinite(cpu[k]) ? cpu[k] : 0), 0);
  return {
    wallS,
    roundTrips,
    seconds: cpu,
    perRoundTripMs,
    serverSideMs: (serverSide * 1000) / roundTrips,
    coresOurs: ours / wallS,
    coresOthers: Math.max(0, (cpu.machine - ours) / wallS),
    workersCores: b.cpu.workers.map((w, i) => (w - a.cpu.workers[i]) / wallS),
  };
}

function figures(r) {
  const { cfg, turns } = r;
  const answered = turns.filter((t) => t.role === 'assistant');
  const live = answered.filter((t) => !t.viaReload);
  const llmWholeOf = (t) => cfg.llmLatencyMs + Math.max(0, (t.answerTokens ?? 1) - 1) * cfg.llmChunkMs;
  const errors = {};
  for (const res of r.results) add(errors, res.errors);
  add(errors, r.teacher.errors);
  for (const t of turns) {
    if (t.error) add(errors, { [`event: error ${t.error}`]: 1 });
    if (t.timedOut) add(errors, { [`no answer within ${cfg.answerTimeoutMs / 1000} s`]: 1 });
  }
  const streams = { opened: 0, drops: {}, events: {}, bytes: 0, reloads: 0 };
  for (const res of r.results) {
    streams.opened += res.streams.opened;
    streams.reloads += res.streams.reloads;
    streams.bytes += res.streams.bytes;
    add(streams.drops, res.streams.drops);
    add(streams.events, res.streams.events);
  }
  const readyAt = r.results.flatMap((res) => res.readyAt);
  const lastDone = Math.max(...turns.map((t) => t.doneAt ?? -Infinity));
  const endOfClass = Number.isFinite(lastDone) ? lastDone : r.endedAt;
  const session = cpuWindow(r.samples, turns, r.t0, endOfClass, { outward: true });
  const steady = readyAt.length
    ? cpuWindow(r.samples, turns, Math.max(...readyAt), endOfClass, { outward: false })
    : null;
  // Cores used by each process, sample to sample (JSON only: where the time went, and when).
  const timeline = r.samples.slice(1).map((b, i) => {
    const a = r.samples[i];
    const cpu = cpuBetween(a, b);
    const wall = (b.at - a.at) / 1000;
    return {
      t: Math.round((b.at - r.t0) / 100) / 10,
      cores: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, Math.round((v / wall) * 100) / 100])),
      // Turns a student is waiting for (sent, neither answered nor given up on).
      waiting: turns.filter((t) => t.sentAt <= b.at && (t.doneAt ?? t.gaveUpAt ?? Infinity) > b.at).length,
    };
  });
  const signIns = r.results.flatMap((res) => res.signIns);
  const gaveUp = {};
  for (const res of r.results) add(gaveUp, res.gaveUp);
  const sent = turns.length;
  const accepted = turns.filter((t) => t.messageId).length;
  return {
    version: 1,
    label: cfg.label,
    backend: r.kind,
    engine: r.engine,
    date: new Date().toISOString(),
    machine: { node: process.version, cpu: os.cpus()[0]?.model?.trim() ?? '?', cores: os.cpus().length },
    code: r.shared.code,
    scenario: {
      students: r.studentsCount,
      prompts: cfg.prompts,
      thinkS: [cfg.thinkMinMs / 1000, cfg.thinkMaxMs / 1000],
      signInWindowS: cfg.signInWindowMs / 1000,
      seed: cfg.seed,
      workers: r.results.length,
      llm: { latencyMs: cfg.llmLatencyMs, chunkMs: cfg.llmChunkMs, pieces: 'one per token' },
    },
    appEnv: {
      overrides: r.overrides,
      given: cfg.appEnv,
    },
    load: r.load,
    llmAlone: r.llm,
    wallS: (endOfClass - r.t0) / 1000,
    counts: {
      studentsSignedIn: signIns.length,
      studentsStarted: r.results.reduce((s, res) => s + res.started, 0),
      studentsFinished: r.results.reduce((s, res) => s + res.finished, 0),
      gaveUp,
      promptsSent: sent,
      promptsAccepted: accepted,
      answered: answered.length,
      answeredViaReload: answered.length - live.length,
      failed: turns.filter((t) => t.error).length,
      timedOut: turns.filter((t) => t.timedOut).length,
      retried: turns.filter((t) => t.retried).length,
      resentAfterReset: r.teacher.resent + r.results.reduce((s, res) => s + res.resent, 0),
      answerTokens: stats(answered.map((t) => t.answerTokens)),
      deltasPerAnswer: stats(live.map((t) => t.deltas ?? 0)),
    },
    latencyMs: {
      signIn: stats(signIns.map((s) => s.ms)),
      send202: stats(turns.filter((t) => t.messageId).map((t) => t.ackMs)),
      firstWord: stats(live.filter((t) => t.firstDeltaAt).map((t) => t.firstDeltaAt - t.sentAt)),
      firstWordOverLlm: stats(
        live.filter((t) => t.firstDeltaAt).map((t) => t.firstDeltaAt - t.sentAt - cfg.llmLatencyMs),
      ),
      whole: stats(live.map((t) => t.doneAt - t.sentAt)),
      wholeOverLlm: stats(live.map((t) => t.doneAt - t.sentAt - llmWholeOf(t))),
      llmWhole: stats(live.map(llmWholeOf)),
      dashboard: stats(r.teacher.polls.map((p) => p.ms)),
    },
    dashboard: {
      polls: r.teacher.polls.length,
      bytesPerPoll: stats(r.teacher.polls.map((p) => p.bytes)).p50,
      sse: { ...r.teacher.sse, lags: undefined, lagMs: stats(r.teacher.sse.lags) },
    },
    streams,
    errors,
    // null when the checks could not run (checksFailed says why).
    checksFailed: r.checked.failed ?? null,
    stuck: r.checked.failed ? null : r.checked.stuck.length,
    stuckIds: r.checked.stuck.slice(0, 20),
    quota: {
      checked: r.checked.checked,
      mismatches: r.checked.failed ? null : r.checked.mismatches.length,
      examples: r.checked.mismatches.slice(0, 10),
      // Students whose stored answers differ in number from the answers they received.
      receivedDiffers: r.checked.unseen.length,
      receivedExamples: r.checked.unseen.slice(0, 10),
    },
    cpu: { session, steady },
    memory: { appRssMb: r.memory.rssMb, appPeakMb: r.memory.peakMb },
    loadGenerator: { eventLoopDelayMs: r.results.map((res) => res.eventLoopDelayMs) },
    timeline,
  };
}

// ---------------------------------------------------------------------------------------------

async function main(cfg) {
  if (cfg.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (cfg.compare) {
    if (cfg.compare.length !== 2) fail('--compare attend deux fichiers JSON');
    const [a, b] = cfg.compare.map((f) => JSON.parse(fs.readFileSync(path.resolve(f), 'utf8')));
    process.stdout.write(`${compareRuns(a, b, cfg.compare)}\n`);
    return;
  }
  for (const f of [APP_MAIN, CREATE_ADMIN, FAKE_LLM])
    if (!fs.existsSync(f)) fail(`${path.relative(ROOT, f)} absent : lancez npm run build`);
  const code = codeInfo();
  cfg.label ??= `${code.branch}-${code.head}${code.dirty ? '-dirty' : ''}`;
  if (!/^[\w.-]+$/.test(cfg.label)) fail(`--commit-label : lettres, chiffres, . _ - seulement (reçu ${cfg.label})`);
  const pgUp = await services.postgresAnswers(process.env.FERRETDB_POSTGRESQL_URL || services.DEFAULT_POSTGRESQL_URL);
  const kinds = cfg.backend === 'both' ? ['postgresql', 'sqlite'] : [cfg.backend ?? (pgUp ? 'postgresql' : 'sqlite')];
  if (kinds.includes('postgresql') && !pgUp) fail('PostgreSQL ne répond pas');

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-bench-class-'));
  onCleanup(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const redisHandle = await services.ensureRedis(redisUrl, { log });
  if (redisHandle) onCleanup(() => redisHandle.stop());
  const shared = { redisUrl, workDir, code };

  for (const kind of kinds) {
    for (const n of cfg.students) {
      const result = await classRun(kind, n, cfg, shared);
      fs.mkdirSync(cfg.jsonDir, { recursive: true });
      const jsonFile = path.join(cfg.jsonDir, `${cfg.label}-${kind}-${n}.json`);
      fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
      writeClassSection(cfg.out, result);
      process.stdout.write(`\n${summaryLines(result).join('\n')}\n\n${runMarkdown(result)}\n`);
      process.stdout.write(`\nécrit : ${path.relative(ROOT, cfg.out)}, ${path.relative(ROOT, jsonFile)}\n`);
    }
  }
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal} : arrêt et nettoyage…`);
    cleanup().finally(() => process.exit(130));
  });
}

let exitCode = 0;
try {
  const cfg = options();
  const watchdog = setTimeout(() => {
    log(`délai de ${cfg.timeoutS} s dépassé : arrêt et nettoyage…`);
    cleanup().finally(() => process.exit(1));
  }, cfg.timeoutS * 1000);
  watchdog.unref();
  await main(cfg);
} catch (err) {
  exitCode = 1;
  if (err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    log(`${err.message}\n${USAGE}`);
  else log(`échec : ${err instanceof HarnessError ? err.message : (err?.stack ?? err)}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
