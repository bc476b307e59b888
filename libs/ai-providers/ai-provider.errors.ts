import type { AiProviderName } from '../../config/ai-models';

/**
 * - `rate_limited`: the provider said 429;
 * - `server`: 5xx, the provider unreachable, or the connection cut mid-answer;
 * - `timeout`: the call's deadline passed (AI_TIMEOUT_MS), or the caller cancelled it;
 * - `policy`: the provider refused the request (other 4xx: content policy, bad key, unknown model);
 * - `bad_response`: the provider answered something unreadable (malformed stream).
 */
export type AiProviderErrorKind = 'rate_limited' | 'server' | 'timeout' | 'policy' | 'bad_response';

export interface AiProviderErrorDetails {
  /** Absent when no provider was reached (unknown model). */
  provider?: AiProviderName;
  /** HTTP status of the provider's answer, when there was one. */
  status?: number;
  /** The provider's Retry-After, when it sent one. */
  retryAfterMs?: number;
  /** What the provider said, for the logs: never shown to a student as is. */
  providerMessage?: string;
  cause?: unknown;
}

/**
 * The one error a provider call rejects with. `retryable` tells the queue whether another
 * attempt may succeed (429, 5xx, timeouts, network, garbage) or not (other 4xx); `message`
 * is French and safe to show in the conversation's `system` message.
 */
export class AiProviderError extends Error {
  readonly provider?: AiProviderName;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly providerMessage?: string;

  constructor(
    readonly kind: AiProviderErrorKind,
    readonly retryable: boolean,
    message: string,
    details: AiProviderErrorDetails,
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AiProviderError';
    this.provider = details.provider;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.providerMessage = details.providerMessage;
  }

  /** The error for an HTTP answer that is not 2xx. */
  static fromStatus(status: number, details: AiProviderErrorDetails): AiProviderError {
    const d = { ...details, status };
    if (status === 429)
      return new AiProviderError(
        'rate_limited',
        true,
        'Le fournisseur d’IA limite le débit (429) : nouvel essai plus tard',
        d,
      );
    if (status === 408)
      return new AiProviderError('timeout', true, 'Le fournisseur d’IA a abandonné la requête (408)', d);
    if (status >= 500) return new AiProviderError('server', true, `Le fournisseur d’IA est en erreur (${status})`, d);
    if (status === 401 || status === 403) {
      return new AiProviderError(
        'policy',
        false,
        `Le fournisseur d’IA refuse l’accès (${status}) : clé d’API invalide ou droits insuffisants`,
        d,
      );
    }
    if (status === 404) return new AiProviderError('policy', false, 'Modèle inconnu du fournisseur d’IA (404)', d);
    return new AiProviderError(
      'policy',
      false,
      `Le fournisseur d’IA a refusé la requête (${status}) : contenu ou paramètres non acceptés`,
      d,
    );
  }

  static deadline(timeoutMs: number, details: AiProviderErrorDetails): AiProviderError {
    return new AiProviderError(
      'timeout',
      true,
      `Le fournisseur d’IA n’a pas répondu dans le délai de ${timeoutMs} ms`,
      details,
    );
  }

  static cancelled(details: AiProviderErrorDetails): AiProviderError {
    return new AiProviderError('timeout', true, 'Appel au fournisseur d’IA interrompu avant la fin', details);
  }

  static unreachable(details: AiProviderErrorDetails): AiProviderError {
    return new AiProviderError('server', true, 'Fournisseur d’IA injoignable ou connexion coupée', details);
  }

  static badResponse(details: AiProviderErrorDetails, what = 'réponse illisible'): AiProviderError {
    return new AiProviderError('bad_response', true, `Le fournisseur d’IA a envoyé une ${what}`, details);
  }

  static notConfigured(provider: AiProviderName, variable: string): AiProviderError {
    return new AiProviderError('policy', false, `Fournisseur d’IA ${provider} non configuré (${variable} absente)`, {
      provider,
    });
  }

  static unknownModel(model: string): AiProviderError {
    return new AiProviderError('policy', false, `Modèle d’IA inconnu : ${model}`, {});
  }
}

/** Reads a Retry-After header (seconds or HTTP date) or OpenAI's retry-after-ms. */
export function retryAfterMsFrom(headers: { get(name: string): string | null } | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
