import { AppError, OUTAGE_RETRY_AFTER_S } from './app-error';

/**
 * What an answer says while a dependency is away: `503` with a stable code and `Retry-After`,
 * never a `500` (docs/api.md, "Outages"). The filter (all-exceptions.filter.ts) recognises the
 * driver's and ioredis' connection errors here, in one place, wherever they are raised.
 */
const retryAfter = { 'Retry-After': String(OUTAGE_RETRY_AFTER_S) };

export const OutageErrors = {
  database: () =>
    new AppError(
      503,
      'DATABASE_UNAVAILABLE',
      'Base de données momentanément indisponible, réessayez dans un instant',
      undefined,
      retryAfter,
    ),
  redis: () =>
    new AppError(
      503,
      'REDIS_UNAVAILABLE',
      'Service de données rapides momentanément indisponible, réessayez dans un instant',
      undefined,
      retryAfter,
    ),
};

interface LooseError {
  name?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * Errors of the MongoDB driver (mongoose bundles its own copy: matched by name, not class)
 * that mean "the engine cannot be reached", not "this query is wrong".
 */
const DATABASE_ERROR_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  'MongoOperationTimeoutError',
  'MongoWaitQueueTimeoutError',
]);

/** ioredis' own errors while its connection is down or a command got no answer in time. */
const REDIS_ERROR_MESSAGES = [
  /^Stream isn't writeable and enableOfflineQueue options is false/,
  /^Connection is closed\.?$/,
  /^Command timed out$/,
  /^Reached the max retries per request limit/,
  /^LOADING /,
];

export function isDatabaseOutage(err: unknown): boolean {
  const e = err as LooseError | null;
  if (!e || typeof e !== 'object') return false;
  if (DATABASE_ERROR_NAMES.has(String(e.name))) return true;
  // "before initial connection is complete": mongoose without its buffer while disconnected.
  if (e.name === 'MongooseError' && /initial connection|client was closed/i.test(String(e.message))) return true;
  return e.cause !== undefined && e.cause !== err && isDatabaseOutage(e.cause);
}

export function isRedisOutage(err: unknown): boolean {
  const e = err as LooseError | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  const message = String(e.message ?? '');
  if (REDIS_ERROR_MESSAGES.some((re) => re.test(message))) return true;
  return e.cause !== undefined && e.cause !== err && isRedisOutage(e.cause);
}

/** The 503 answer for an error that means a dependency is away, else null. */
export function outageErrorOf(err: unknown): AppError | null {
  if (isDatabaseOutage(err)) return OutageErrors.database();
  if (isRedisOutage(err)) return OutageErrors.redis();
  return null;
}
