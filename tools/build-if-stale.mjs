// `npm run build`, and `npm test` first (pretest): the e2e tests start entry points (worker, commands)
// from dist/, as production does, and drive the web client the API serves from web/dist/, so both
// must match their sources. Builds each only when one of its source files is newer than its last build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const SOURCES = [
  'src',
  'libs',
  'config',
  'test/support/fake-llm',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
  'package-lock.json',
];
const WEB_SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.mts',
  'clients/typescript/src',
  'package-lock.json',
];

function newest(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

const always = process.argv.includes('--always');

/** Runs `args` with node when a file of `sources` is newer than `stamp` (or always), then stamps. */
function buildIfStale(what, stamp, sources, args) {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const changed = Math.max(
    ...sources
      .map((s) => path.join(ROOT, s))
      .filter(existsSync)
      .map(newest),
  );
  if (!always && changed <= built) return;
  if (!always) console.log(`[pretest] sources plus récentes que le dernier build : ${what}…`);
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
}

buildIfStale('nest build', STAMP, SOURCES, [
  path.join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'),
  'build',
]);
// The web client (web/README.md): Vite writes web/dist, which the API serves at `/`.
buildIfStale('vite build (web/)', path.join(ROOT, 'web', 'dist', '.build-stamp'), WEB_SOURCES, [
  path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
  'build',
  '--config',
  path.join(ROOT, 'web', 'vite.config.mts'),
  '--logLevel',
  'warn',
]);
