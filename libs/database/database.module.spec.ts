import { DatabaseEngine } from './database-engine';
import { databaseNameOf, DatabaseModule } from './database.module';

describe('database module', () => {
  const config = (over: Record<string, unknown>) =>
    ({ MONGODB_URI: 'mongodb://h:1/from-uri', NODE_ENV: 'test', SLOW_QUERY_MS: 100, ...over }) as any;

  it('takes the database name from MONGODB_DB, else the URI, else prompt-challenge', () => {
    expect(databaseNameOf(config({ MONGODB_DB: 'x_test' }))).toBe('x_test');
    expect(databaseNameOf(config({}))).toBe('from-uri');
    expect(databaseNameOf(config({ MONGODB_URI: 'mongodb://h:1/?replicaSet=rs0' }))).toBe('prompt-challenge');
  });

  it('refuses, in tests, a database whose name lacks "test"', () => {
    expect(() => DatabaseModule.forRoot(config({ MONGODB_DB: 'production' }))).toThrow(/doit contenir "test"/);
    expect(() => DatabaseModule.forRoot(config({ MONGODB_DB: 'pc_test_1' }))).not.toThrow();
  });

  it('detects FerretDB from buildInfo', () => {
    expect(DatabaseEngine.fromBuildInfo({ version: '7.0.42', ferretdbVersion: 'v1.24.2' }).isFerretDb).toBe(true);
    expect(DatabaseEngine.fromBuildInfo({ version: '7.0.14' }).supportsTtlAndTextIndexes).toBe(true);
  });
});
