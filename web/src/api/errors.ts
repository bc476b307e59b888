import { isApiErrorBody, type ApiErrorBody } from '@prompt-challenge/api-client';

/** An error answer of the API, or a network failure (`status` 0, `code` NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorBody['details'] = undefined,
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
  return FOR_PEOPLE[error.code] ?? error.message;
}

/** An ApiError from what openapi-fetch answered on a failure. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isApiErrorBody(body)) return new ApiError(status, body.code, body.message, body.details);
  return new ApiError(status, `HTTP_${status}`, `Erreur inattendue du serveur (${status}).`);
}

/** The data of an openapi-fetch call, or an ApiError thrown. */
export async function call<D>(request: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  let result: { data?: D; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError(0, 'NETWORK', FOR_PEOPLE.NETWORK);
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as D;
}
