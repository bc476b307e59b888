// `npm start` (after `nest build`): the service on embedded defaults, in one command.
//
//  - MongoDB: MONGODB_URI when set (environment or .env), else the embedded FerretDB
//    (tools/ferretdb, free port) with MONGODB_DB=prompt-challenge, on PostgreSQL (database
//    prompt_challenge, created when missing) when a server answers, else on SQLite under
//    .data/ferretdb (FERRETDB_HANDLER forces one, FERRETDB_POSTGRESQL_URL names the server);
//  - Redis: REDIS_URL (default redis://127.0.0.1:6379); a redis-server is started only when
//    nothing answers there, and only that one is stopped at the end;
//  - JWT_SECRET: when unset, generated once and kept in .data/jwt-secret;
//  - then `node dist/src/main.js` with APP_ROLE=all (HTTP + queue processors), the rest of
//    the environment passed through. Exits with the app's exit code.
//  - The addresses are kept in .data/local-run.json while it runs, so `npm run create-admin`,
//    `migrate` and `diagnose` work from another terminal without copying anything.
//
// Two processes, on purpose. A terminal's Ctrl-C reaches its whole foreground process
// group, so FerretDB and redis-server would stop at the same moment as the app, while the
// app needs them to shut down gracefully (workers finish or hand back their jobs). So this
// front process only relays signals to a supervisor (this same file, `--supervise`) that
// runs in its own process group with the services and the app: the first Ctrl-C/SIGTERM
// stops the app, then the services; a second Ctrl-C (a second later or more) kills them all.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_REDIS_URL,
  JWT_SECRET_FILE,
  LOCAL_RUN_FILE,
  localJwtSecret,
  removeLocalRunFile,
  ROOT,
  startServices,
  writeLocalRunFile,
} from './services.mjs';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const log = (m) => console.log(`[start-local] ${m}`);
const exitCodeOf = (code, signal) => code ?? 128 + (constants.signals[signal] ?? 0);

/** Front process: starts the supervisor in its own process group and relays signals to it. */
function relay() {
  const supervisor = spawn(process.execPath, [fileURLToPath(import.meta.url), '--supervise'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let firstAt = 0;
  const onSignal = (signal) => {
    const now = Date.now();
    if (!firstAt) {
      firstAt = now;
      supervisor.kill(signal);
    } else if (now - firstAt > 1000) {
      // Not the duplicate of the first one (npm forwards the terminal's Ctrl-C too): force.
      log(`${signal} again: killing everything started here`);
      try {
        process.kill(-supervisor.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  supervisor.on('exit', (code, signal) => process.exit(exitCodeOf(code, signal)));
}

/**
 * Without OPENAI_API_KEY and MISTRAL_API_KEY, the fake LLM server of docs/architecture.md answers (built
 * with the app: dist/test/support/fake-llm): it prints `FAKE_LLM_URL=...` once listening.
 * Returns the variables pointing the app at it (AI_FAKE=true, which the app also shows in its
 * log and in GET /ai/models) and a function that stops it.
 */
async function startFakeLlmIfNeeded() {
  const main = path.join(ROOT, 'dist', 'test', 'support', 'fake-llm', 'fake-llm.main.js');
  const child = spawn(process.execPath, [main, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the fake LLM server did not start in 10 s')), 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /FAKE_LLM_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`the fake LLM server exited (code ${code})`)));
  });
  log(`no OPENAI_API_KEY / MISTRAL_API_KEY: the FAKE LLM server answers, on ${url}`);
  return {
    env: { AI_FAKE: 'true', OPENAI_BASE_URL: `${url}/v1`, MISTRAL_SERVER_URL: url },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Once the app answers, what a person needs next: how to create the first admin, where mails
 * go and where the queue board is. Printed after the app's start-up lines so it stays visible.
 */
async function announceWhenReady(env, stillRunning) {
  const port = Number(env.PORT || 3000);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240 && stillRunning(); i++) {
    const ok = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.status < 500)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!stillRunning()) return;
  const outbox = path.resolve(ROOT, env.MAIL_OUTBOX_DIR || '.data/outbox');
  const lines = [
    `ready on ${base}/api/v1 (docs ${base}/api/docs)`,
    `web client: ${base}/ (sign in there with the admin below; mail links point at PUBLIC_WEB_URL)`,
    `first admin, from another terminal: npm run create-admin -- --email admin@example.org --password '<8 caractères ou plus>'`,
    `  (npm run migrate and npm run diagnose work there too: they read ${path.relative(ROOT, LOCAL_RUN_FILE)})`,
    env.SMTP_URL
      ? `mails: sent through SMTP_URL`
      : `mails: no SMTP_URL, written as .eml files to ${outbox} (magic links are logged too)`,
    `queue board: ${base}/api/v1/admin/queues (admins only)`,
  ];
  console.log(`\n${lines.map((l) => `[start-local] ${l}`).join('\n')}\n`);
}

/** Supervisor: services, then the app; on the app's exit, stops the services and exits with its code. */
async function supervise() {
  if (existsSync(path.join(ROOT, '.env'))) process.loadEnvFile(path.join(ROOT, '.env')); // never overrides the environment
  const env = { ...process.env };
  delete env.NODE_CHANNEL_FD;
  delete env.NODE_CHANNEL_SERIALIZATION_MODE;

  let app = null;
  let stopRequested = null;
  const onSignal = (signal) => {
    if (stopRequested) return;
    stopRequested = signal;
    if (app) {
      log(`${signal}: stopping the app`);
      app.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
    }
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  // The front process is gone (killed without a chance to relay): stop as on SIGTERM.
  process.on('disconnect', () => onSignal('SIGTERM'));

  const mainJs = path.join(ROOT, 'dist', 'src', 'main.js');
  if (!existsSync(mainJs))
    throw new Error(`${path.relative(ROOT, mainJs)} is missing: run \`npm run build\` (npm start does it)`);

  const services = await startServices({
    mongodbUri: env.MONGODB_URI,
    redisUrl: env.REDIS_URL || DEFAULT_REDIS_URL,
    log,
  });
  const fakeLlm = {};
  let servicesStopping = false;
  const stopAll = async () => {
    servicesStopping = true;
    removeLocalRunFile();
    await fakeLlm.stop?.().catch(() => {});
    await services.stop();
  };
  try {
    for (const { name, pid, process: child } of services.started) {
      log(`${name} started (pid ${pid})`);
      child.on('exit', (code, signal) => {
        if (!servicesStopping && app)
          log(`${name} stopped unexpectedly (${signal ?? `code ${code}`}); the app will report it on /api/v1/health`);
      });
    }
    if (!env.MONGODB_URI) env.MONGODB_DB ||= 'prompt-challenge';
    env.MONGODB_URI = services.mongodbUri;
    env.REDIS_URL = services.redisUrl;
    Object.assign(env, services.backendEnv);
    const secretFromFile = !env.JWT_SECRET;
    env.JWT_SECRET ||= localJwtSecret(log);
    env.APP_ROLE = 'all';
    if (!env.OPENAI_API_KEY && !env.MISTRAL_API_KEY) Object.assign(fakeLlm, await startFakeLlmIfNeeded());
    Object.assign(env, fakeLlm.env);
    writeLocalRunFile({
      MONGODB_URI: env.MONGODB_URI,
      ...(env.MONGODB_DB ? { MONGODB_DB: env.MONGODB_DB } : {}),
      REDIS_URL: env.REDIS_URL,
      ...(env.REDIS_PREFIX ? { REDIS_PREFIX: env.REDIS_PREFIX } : {}),
      ...services.backendEnv,
      ...(secretFromFile ? { JWT_SECRET_FILE } : {}),
    });
  } catch (err) {
    await stopAll();
    throw err;
  }
  log(
    `MONGODB_URI=${env.MONGODB_URI}${env.MONGODB_DB ? ` MONGODB_DB=${env.MONGODB_DB}` : ''} REDIS_URL=${env.REDIS_URL} APP_ROLE=all`,
  );

  if (stopRequested) {
    await stopAll();
    process.exit(exitCodeOf(null, stopRequested));
  }
  app = spawn(process.execPath, [mainJs], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  void announceWhenReady(env, () => app.exitCode === null && !stopRequested);
  const [code, signal] = await new Promise((resolve) => app.on('exit', (c, s) => resolve([c, s])));
  if (!stopRequested) log(`the app exited (${signal ?? `code ${code}`})`);
  await stopAll();
  process.exit(exitCodeOf(code, signal));
}

if (process.argv.includes('--supervise')) {
  supervise().catch((err) => {
    console.error(`[start-local] ${err.message}`);
    process.exit(1);
  });
} else {
  relay();
}
