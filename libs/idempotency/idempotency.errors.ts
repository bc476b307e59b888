import { AppError } from '../http';

export const IdempotencyErrors = {
  invalidKey: () =>
    new AppError(
      400,
      'INVALID_IDEMPOTENCY_KEY',
      'En-tête Idempotency-Key invalide : de 1 à 255 caractères ASCII visibles (sans espace) attendus',
    ),
  inProgress: () =>
    new AppError(
      409,
      'IDEMPOTENCY_IN_PROGRESS',
      'Une requête avec cette clé d’idempotence est encore en cours : réessayez dans un instant avec la même clé',
      undefined,
      { 'Retry-After': '1' },
    ),
  keyReused: () =>
    new AppError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'Cette clé d’idempotence a déjà servi pour une autre requête : utilisez une nouvelle clé pour une nouvelle action',
    ),
};

/** What a route with `@Idempotent()` can answer besides its own errors (for `@ApiErrors`). */
export const IDEMPOTENCY_ERRORS = [
  IdempotencyErrors.invalidKey(),
  IdempotencyErrors.inProgress(),
  IdempotencyErrors.keyReused(),
];
