import { corsOriginsOf, EnvValidationError, validateEnv } from './env.schema';

const base = { MONGODB_URI: 'mongodb://127.0.0.1:27017/app', JWT_SECRET: 'x'.repeat(32) };

describe('validateEnv', () => {
  it('applies the documented defaults', () => {
    const env = validateEnv(base);
    expect(env.APP_ROLE).toBe('all');
    expect(env.PORT).toBe(3000);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.JWT_EXPIRES_IN_S).toBe(900);
    expect(env.REFRESH_TOKEN_TTL_DAYS).toBe(14);
    expect(env.INVITATION_TTL_HOURS).toBe(168);
    expect(env.REGISTRATION_ENABLED).toBe(false);
    expect(env.APP_TIMEZONE).toBe('Europe/Paris');
    expect(corsOriginsOf(env)).toEqual(['http://localhost:3000']);
  });

  it('reads CORS_ORIGINS as a comma list of origins', () => {
    const env = validateEnv({ ...base, CORS_ORIGINS: 'https://ecole.example, http://localhost:5173/' });
    expect(corsOriginsOf(env)).toEqual(['https://ecole.example', 'http://localhost:5173']);
  });

  it('converts numbers and booleans given as strings', () => {
    const env = validateEnv({ ...base, PORT: '8080', REGISTRATION_ENABLED: 'false', TRUST_PROXY: '1' });
    expect(env.PORT).toBe(8080);
    expect(env.REGISTRATION_ENABLED).toBe(false);
    expect(env.TRUST_PROXY).toBe(true);
  });

  it.each([
    ['MONGODB_URI', { MONGODB_URI: undefined }],
    ['MONGODB_URI', { MONGODB_URI: 'postgres://x' }],
    ['APP_ROLE', { APP_ROLE: 'cron' }],
    ['PORT', { PORT: 'eighty' }],
    ['REDIS_URL', { REDIS_URL: 'http://x' }],
    ['APP_TIMEZONE', { APP_TIMEZONE: 'Mars/Olympus' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'ecole.example' }],
    ['MAGIC_LINK_RATE_LIMIT_PER_IP', { MAGIC_LINK_RATE_LIMIT_PER_IP: '10' }],
    ['FERRETDB_POSTGRESQL_URL', { FERRETDB_POSTGRESQL_URL: 'mysql://127.0.0.1/x' }],
  ])('names %s when it is missing or malformed', (name, override) => {
    expect(() => validateEnv({ ...base, ...override })).toThrow(EnvValidationError);
    expect(() => validateEnv({ ...base, ...override })).toThrow(new RegExp(`^variable d'environnement ${name} `));
  });

  it('takes the FerretDB backend variables when set, and leaves them unset (real MongoDB) when blank', () => {
    const pg = validateEnv({ ...base, FERRETDB_POSTGRESQL_URL: 'postgres://postgres@127.0.0.1:5432/pc' });
    expect(pg.FERRETDB_POSTGRESQL_URL).toBe('postgres://postgres@127.0.0.1:5432/pc');
    expect(validateEnv({ ...base, FERRETDB_SQLITE_DIR: '/tmp/f' }).FERRETDB_SQLITE_DIR).toBe('/tmp/f');
    const none = validateEnv({ ...base, FERRETDB_POSTGRESQL_URL: '', FERRETDB_SQLITE_DIR: '' });
    expect(none.FERRETDB_POSTGRESQL_URL).toBeUndefined();
    expect(none.FERRETDB_SQLITE_DIR).toBeUndefined();
  });

  it('refuses a JWT_SECRET shorter than 32 characters outside tests only', () => {
    expect(() => validateEnv({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(validateEnv({ ...base, JWT_SECRET: 'short', NODE_ENV: 'test' }).JWT_SECRET).toBe('short');
  });
});
