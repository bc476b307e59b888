// `npm run build`, and `npm test` first (pretest): the e2e tests start entry points (worker, commands)
// from dist/, as production does, so dist/ must match the sources. Builds only when a source
// file is newer than the last build.
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

function newest(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const changed = Math.max(
  ...SOURCES.map((s) => path.join(ROOT, s))
    .filter(existsSync)
    .map(newest),
);
if (process.argv.includes('--always') || changed > built) {
  if (!process.argv.includes('--always')) console.log('[pretest] sources plus récentes que dist/ : nest build…');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  writeFileSync(STAMP, new Date().toISOString());
}
