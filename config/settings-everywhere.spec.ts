import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, validateEnv } from './env.schema';

/**
 * Every setting the service reads is documented (README's table, .env.example) and passes
 * through docker-compose — and what compose passes by default is a valid configuration.
 */
const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const settings = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(AppConfig, '', true, false)
      .map((m) => m.propertyName),
  ),
].sort();
// Only the local runner (npm start, the tests) sets these: compose runs real MongoDB and real providers.
const LOCAL_ONLY = new Set(['FERRETDB_POSTGRESQL_URL', 'FERRETDB_SQLITE_DIR', 'AI_FAKE']);

/** The `x-app-env` block of docker-compose.yml as KEY → value with `${X:-default}` resolved to its default. */
function composeDefaults(): Record<string, string> {
  const text = read('docker-compose.yml');
  const block = text.slice(text.indexOf('x-app-env:'), text.indexOf('\nservices:'));
  const env: Record<string, string> = {};
  for (const [, key, raw] of block.matchAll(/^ {2}([A-Z0-9_]+): (.*)$/gm)) {
    const m = /^\$\{[A-Z0-9_]+(?::-(.*)|:\?.*)\}$/.exec(raw.trim());
    env[key] = m ? (m[1] ?? '') : raw.trim().replace(/^'(.*)'$/, '$1');
  }
  return env;
}

describe('settings', () => {
  it('finds the settings of config/env.schema.ts', () => {
    expect(settings).toEqual(expect.arrayContaining(['JWT_SECRET', 'MONGODB_URI', 'CORS_ORIGINS', 'APP_TIMEZONE']));
    expect(settings.length).toBeGreaterThan(40);
  });

  it.each(settings)('%s is in the README table and .env.example', (name) => {
    expect(read('README.md')).toContain(`| \`${name}\` |`);
    expect(read('.env.example')).toMatch(new RegExp(`^# ${name}=`, 'm'));
  });

  it('passes every setting through docker-compose, but the local runner’s', () => {
    const compose = composeDefaults();
    const missing = settings.filter((s) => !LOCAL_ONLY.has(s) && !(s in compose) && s !== 'APP_ROLE' && s !== 'PORT');
    expect(missing).toEqual([]);
    // APP_ROLE and PORT are set per service.
    expect(read('docker-compose.yml')).toMatch(/APP_ROLE: api/);
    expect(read('docker-compose.yml')).toMatch(/APP_ROLE: worker/);
  });

  it('keeps the outbox of a compose run on a volume', () => {
    expect(composeDefaults().MAIL_OUTBOX_DIR).toBe('/app/.data/outbox');
    expect(read('docker-compose.yml')).toMatch(/- outbox:\/app\/\.data\/outbox/);
  });

  it('accepts what compose passes by default as a valid production configuration', () => {
    const env = {
      ...composeDefaults(),
      JWT_SECRET: 'a-compose-secret-that-is-long-enough-0123456789',
      APP_ROLE: 'api',
      PORT: '3000',
    };
    const config = validateEnv(env);
    expect(config.NODE_ENV).toBe('production');
    expect(config.REGISTRATION_ENABLED).toBe(false);
    expect(config.MONGODB_URI).toMatch(/^mongodb:\/\/mongo:27017\//);
  });
});
