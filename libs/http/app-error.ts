/**
 * An error a client can act on: HTTP status, stable UPPER_SNAKE `code`, French `message`.
 * Contexts declare theirs in `<context>.errors.ts`; the global filter turns them into the
 * error body of docs/api.md.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
    /** Extra response headers (e.g. Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Seconds a client is told to wait (`Retry-After`) while a dependency is away (outages.ts). */
export const OUTAGE_RETRY_AFTER_S = 5;

/** Errors shared by every context. */
export const CommonErrors = {
  invalidId: (value?: string) =>
    new AppError(
      400,
      'INVALID_ID',
      'Identifiant invalide : 24 caractères hexadécimaux attendus',
      value === undefined ? undefined : [{ value }],
    ),
  validation: (details: unknown[], message = 'Données invalides') =>
    new AppError(400, 'VALIDATION_FAILED', message, details),
  invalidJson: () => new AppError(400, 'INVALID_JSON', 'Corps de requête JSON mal formé'),
  payloadTooLarge: () => new AppError(413, 'PAYLOAD_TOO_LARGE', 'Corps de requête trop volumineux (1 Mio au maximum)'),
  routeNotFound: (method: string, path: string) =>
    new AppError(404, 'ROUTE_NOT_FOUND', `Route introuvable : ${method} ${path}`),
  unauthorized: (message = 'Authentification requise') => new AppError(401, 'UNAUTHORIZED', message),
  forbidden: (message = 'Accès refusé') => new AppError(403, 'FORBIDDEN', message),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError(429, 'RATE_LIMITED', 'Trop de requêtes, réessayez plus tard', undefined, {
      'Retry-After': String(retryAfterSeconds),
    }),
  duplicateKey: (field: string) => new AppError(409, 'DUPLICATE_KEY', `${field} déjà utilisé`, [{ field }]),
  queueUnavailable: () =>
    new AppError(503, 'QUEUE_UNAVAILABLE', 'File de traitement indisponible, réessayez dans un instant', undefined, {
      'Retry-After': String(OUTAGE_RETRY_AFTER_S),
    }),
};
