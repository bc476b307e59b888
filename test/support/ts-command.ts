import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { TestApp } from './test-app';

const ROOT = join(__dirname, '..', '..');

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, in arrival order. */
  out: string;
}

/** The variables a command needs to reach the same database and Redis prefix as the test app. */
export function commandEnvOf(t: TestApp, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    MONGODB_URI: t.config.MONGODB_URI,
    MONGODB_DB: t.config.MONGODB_DB!,
    REDIS_URL: t.config.REDIS_URL,
    REDIS_PREFIX: t.config.REDIS_PREFIX,
    JWT_SECRET: t.config.JWT_SECRET,
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

/** Runs a TypeScript entry point of the project (ts-node, transpile only) as its own process, with only `env` (plus PATH). */
export function runTsCommand(
  entry: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 30000,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', entry, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', TS_NODE_TRANSPILE_ONLY: 'true', ...env },
    });
    const result: CommandResult = { code: null, stdout: '', stderr: '', out: '' };
    child.stdout.on('data', (d) => ((result.stdout += d), (result.out += d)));
    child.stderr.on('data', (d) => ((result.stderr += d), (result.out += d)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} n'est pas sorti en ${timeoutMs} ms ; sortie : ${result.out}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      result.code = code;
      resolve(result);
    });
  });
}
