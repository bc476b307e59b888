import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandResult } from './support/ts-command';

/**
 * First run: `npm start` keeps its services' addresses in `.data/local-run.json`
 * (tools/services.mjs), and the commands of another terminal read them through
 * `loadConfigOrExit` (src/bootstrap.ts) when the variables are unset. Proven here with the real
 * `diagnose` command, in its own process, run from a folder holding such a file, against the
 * run's engine.
 */
const ROOT = join(__dirname, '..');
const DIAGNOSE = join(ROOT, 'src', 'admin', 'ops', 'diagnose.command.ts');
const runId = process.env.TEST_RUN_ID ?? 'local';

let cwd: string;

function writeKept(pid: number, env: Record<string, string>) {
  mkdirSync(join(cwd, '.data'), { recursive: true });
  writeFileSync(join(cwd, '.data', 'jwt-secret'), `${'s'.repeat(48)}\n`, { mode: 0o600 });
  writeFileSync(
    join(cwd, '.data', 'local-run.json'),
    JSON.stringify({ pid, startedAt: new Date().toISOString(), env: { JWT_SECRET_FILE: '.data/jwt-secret', ...env } }),
  );
}

/** `npm run diagnose -- --json` as a person would run it: from `cwd`, with no database variable set. */
function diagnose(env: Record<string, string> = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', require.resolve('ts-node/register/transpile-only'), DIAGNOSE, '--json'],
      {
        cwd,
        env: {
          PATH: process.env.PATH ?? '',
          TS_NODE_TRANSPILE_ONLY: 'true',
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
          LOG_LEVEL: 'silent',
          ...env,
        },
      },
    );
    const r: CommandResult = { code: null, stdout: '', stderr: '', out: '' };
    child.stdout.on('data', (d) => ((r.stdout += d), (r.out += d)));
    child.stderr.on('data', (d) => ((r.stderr += d), (r.out += d)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`diagnose n'est pas sorti en 60 s : ${r.out}`));
    }, 60000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      r.code = code;
      resolve(r);
    });
  });
}

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pc-local-run-'));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('commands after `npm start` (.data/local-run.json)', () => {
  it('read the kept addresses when the variables are unset', async () => {
    writeKept(process.pid, {
      MONGODB_URI: process.env.TEST_MONGODB_URI!,
      MONGODB_DB: `pc_test_${runId}_kept`,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    });
    const r = await diagnose();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(true);
    expect(report.database).toBe(`pc_test_${runId}_kept`);
  });

  it('let the environment win over the kept file', async () => {
    writeKept(process.pid, {
      MONGODB_URI: 'mongodb://127.0.0.1:1/',
      MONGODB_DB: `pc_test_${runId}_kept`,
    });
    const r = await diagnose({ MONGODB_URI: process.env.TEST_MONGODB_URI!, MONGODB_DB: `pc_test_${runId}_env` });
    expect(r.code).toBe(0);
    // The whole database group comes from the environment: neither the kept URI nor its database.
    expect(JSON.parse(r.stdout).database).toBe(`pc_test_${runId}_env`);
  });

  it('ignore a file whose npm start is gone, and say so', async () => {
    // A pid that is certainly not running: a child that has already exited.
    const gone = await new Promise<number>((resolve) => {
      const c = spawn(process.execPath, ['-e', '0']);
      c.on('exit', () => resolve(c.pid!));
    });
    writeKept(gone, { MONGODB_URI: process.env.TEST_MONGODB_URI!, MONGODB_DB: `pc_test_${runId}_kept` });
    const r = await diagnose();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`ne tourne plus`);
    expect(r.stderr).toMatch(/variable d'environnement MONGODB_URI absente/);
  });
});
