import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/**
 * The built entry point of a source file (`src/worker.ts` → `dist/src/worker.js`). Entry
 * points run from the build, as in production: loading the app through ts-node took 27 s on
 * a loaded machine, 7 s from dist/. `npm test` builds first when the build is stale
 * (tools/build-if-stale.mjs).
 */
export function builtEntry(entry: string): string {
  const built = join(ROOT, 'dist', entry.replace(/\.ts$/, '.js'));
  if (!existsSync(built)) throw new Error(`${built} absent : lancez npm run build (npm test le fait)`);
  return built;
}

/** Starts a built entry point as its own process, with only `env` (plus PATH). */
export function spawnEntry(
  entry: string,
  args: string[],
  env: Record<string, string>,
  stdio: 'pipe' | 'ignore' = 'pipe',
) {
  return spawn(process.execPath, [builtEntry(entry), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', stdio, stdio],
  });
}

/**
 * Runs a command entry point of the project (from dist/) to its end. No deadline of its own:
 * jest's test timeout bounds it, so a loaded machine is slower, never red.
 */
export function runCommand(entry: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawnEntry(entry, args, env);
    const result: CommandResult = { code: null, stdout: '', stderr: '', out: '' };
    child.stdout!.on('data', (d) => ((result.stdout += d), (result.out += d)));
    child.stderr!.on('data', (d) => ((result.stderr += d), (result.out += d)));
    child.on('error', reject);
    child.on('exit', (code) => {
      result.code = code;
      resolve(result);
    });
  });
}
