import Redis, { RedisOptions } from 'ioredis';
import { MongoNetworkError, MongoNetworkTimeoutError } from 'mongodb';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { isDatabaseOutage, isRedisOutage, outageErrorOf } from './outages';

/** Real errors of the real clients, raised without a server: what the filter meets in production. */
async function redisOfflineError(options: RedisOptions): Promise<Error> {
  const client = new Redis({ lazyConnect: true, ...options });
  try {
    await client.get('k');
    throw new Error('expected a rejection');
  } catch (err) {
    return err as Error;
  } finally {
    client.disconnect();
  }
}

describe('outages: which errors mean a dependency is away', () => {
  const filter = new AllExceptionsFilter();

  it('recognises the driver’s network errors (by name: mongoose bundles its own driver)', () => {
    expect(isDatabaseOutage(new MongoNetworkError('connection refused'))).toBe(true);
    expect(isDatabaseOutage(new MongoNetworkTimeoutError('timed out'))).toBe(true);
    expect(isDatabaseOutage({ name: 'MongoServerSelectionError', message: 'Server selection timed out' })).toBe(true);
    expect(isDatabaseOutage({ name: 'PoolClearedOnNetworkError', message: 'interrupted' })).toBe(true);
    expect(isDatabaseOutage(new Error('x', { cause: new MongoNetworkError('refused') }))).toBe(true);
  });

  it('recognises ioredis refusing a command while disconnected', async () => {
    const offline = await redisOfflineError({ enableOfflineQueue: false });
    expect(offline.message).toMatch(/enableOfflineQueue/);
    expect(isRedisOutage(offline)).toBe(true);
    expect(isRedisOutage(new Error('Command timed out'))).toBe(true);
    expect(
      isRedisOutage({ name: 'MaxRetriesPerRequestError', message: 'Reached the max retries per request limit' }),
    ).toBe(true);
  });

  it('leaves every other error alone (a bug stays a 500, a duplicate a 409)', () => {
    expect(outageErrorOf(new Error('Cannot read properties of undefined'))).toBeNull();
    expect(outageErrorOf({ code: 11000, message: 'E11000 duplicate key' })).toBeNull();
    expect(outageErrorOf({ name: 'MongoServerError', message: 'unknown operator: $foo' })).toBeNull();
    expect(outageErrorOf(null)).toBeNull();
    expect(filter.toBody(new Error('boom')).body.code).toBe('INTERNAL_ERROR');
  });

  it('turns them into 503 with a stable code, a French message and Retry-After', async () => {
    const db = filter.toBody(new MongoNetworkError('connection refused'));
    expect(db.body).toEqual({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'Base de données momentanément indisponible, réessayez dans un instant',
    });
    expect(db.headers).toEqual({ 'Retry-After': '5' });

    const redis = filter.toBody(await redisOfflineError({ enableOfflineQueue: false }));
    expect(redis.body.statusCode).toBe(503);
    expect(redis.body.code).toBe('REDIS_UNAVAILABLE');
    expect(redis.body.message).toMatch(/indisponible/);
    expect(redis.headers).toEqual({ 'Retry-After': '5' });
  });
});
