import { isApiErrorBody, type ApiErrorBody } from '@prompt-challenge/api-client';
import { retryAfterMs } from './outage';

/** An error answer of the API, or a network failure (`status` 0, `code` NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorBody['details'] = undefined,
    /** The answer's `Retry-After`, in ms (a `503` during an outage, a `429 RATE_LIMITED`). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/**
 * What the page says for a code, when the API's own French message is not enough for a person
 * in front of the page (it says what to do next).
 */
const FOR_PEOPLE: Record<string, string> = {
  REPLY_PENDING: 'L’IA répond encore à votre message précédent : attendez sa réponse avant d’envoyer le suivant.',
  QUOTA_PROMPTS_EXCEEDED:
    'Vous avez utilisé tous vos prompts pour ce hackathon. Demandez à votre enseignant d’augmenter votre quota.',
  // Only ways out the pages offer (web/src/pages/student/QuotaWayOut.tsx): the answer length of a
  // conversation is fixed when it starts, so a new conversation with a short answer.
  QUOTA_TOKENS_EXCEEDED:
    'Ce prompt ne tient pas dans les tokens qui vous restent : chaque envoi réserve la longueur de réponse de la conversation plus tout son historique. Commencez une nouvelle conversation avec une réponse courte, ou demandez à votre enseignant d’augmenter votre quota.',
  HACKATHON_NOT_OPEN:
    'Ce hackathon n’est pas ouvert (pas encore commencé, ou terminé) : vous ne pouvez pas écrire pour le moment.',
  NOT_PARTICIPANT: 'Vous n’êtes pas inscrit à ce hackathon. Demandez à votre enseignant de vous ajouter.',
  INVALID_CREDENTIALS: 'Adresse e-mail ou mot de passe incorrect.',
  RATE_LIMITED: 'Trop de tentatives : réessayez dans quelques minutes.',
  NETWORK: 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.',
};

export function messageFor(error: ApiError): string {
  if (error.status === 503) return unavailable(error.retryAfterMs);
  if (error.code === 'RATE_LIMITED' && error.retryAfterMs !== null) return rateLimited(error.retryAfterMs);
  return FOR_PEOPLE[error.code] ?? error.message;
}

/**
 * A `503` (docs/api.md « Outages »: the database or Redis away a moment) in plain words, with when
 * to try again. Reads and keyed sends were already tried again (outage.ts): this is said once
 * those tries are spent, or for an action the page never sends twice by itself.
 */
export function unavailable(retryAfter: number | null): string {
  return `${SERVICE_AWAY} Réessayez ${inAbout(retryAfter)}.`;
}

/** What a `503` is, for people: said by the error and by the notice while the page waits (ui/outage-text.ts). */
export const SERVICE_AWAY =
  'Le service est momentanément indisponible (un incident passager de notre côté, pas de votre connexion).';

/**
 * A `429 RATE_LIMITED` with `Retry-After` (too many requests in a minute: a fast clicker, a
 * class behind one school address, too many sign-in attempts), with when to try again. Reads and
 * keyed sends were already tried again (outage.ts).
 */
export function rateLimited(retryAfter: number): string {
  return `Beaucoup de demandes en peu de temps : réessayez ${inAbout(retryAfter)}.`;
}

/** « dans 5 secondes », « dans 2 minutes »… for a Retry-After in ms. */
function inAbout(ms: number | null): string {
  return ms === null
    ? 'dans quelques instants'
    : ms <= 1000
      ? 'dans une seconde'
      : ms < 120_000
        ? `dans ${Math.ceil(ms / 1000)} secondes`
        : `dans ${Math.ceil(ms / 60_000)} minutes`;
}

/** An ApiError from what openapi-fetch answered on a failure (`response` gives its Retry-After). */
export function toApiError(status: number, body: unknown, response?: Response): ApiError {
  const retryAfter = retryAfterMs(response?.headers.get('Retry-After') ?? null);
  if (isApiErrorBody(body)) return new ApiError(status, body.code, body.message, body.details, retryAfter);
  return new ApiError(status, `HTTP_${status}`, `Erreur inattendue du serveur (${status}).`, undefined, retryAfter);
}

/** The data of an openapi-fetch call, or an ApiError thrown. */
export async function call<D>(request: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  let result: { data?: D; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError(0, 'NETWORK', FOR_PEOPLE.NETWORK);
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error, result.response);
  return result.data as D;
}
