import type { AiProviderName } from '../../config/ai-models';
import { AiCompletion, AiCompletionRequest, AiDeltaHandler, AiProvider, AiUsage } from './ai-provider';
import { AiProviderError } from './ai-provider.errors';
import { countPromptTokens, countTextTokens } from './token-counter';

/** One streamed piece of an answer, once an adapter has read its SDK's chunk. */
export interface ProviderChunk {
  text: string;
  finishReason: string | null;
  usage?: AiUsage;
  model?: string;
}

/**
 * What both SDK adapters share: the deadline of each call, the reading of the stream into
 * `onDelta`, the usage fallback, and the turning of every failure into an AiProviderError.
 * An adapter only opens its SDK's stream and recognises its SDK's errors.
 */
export abstract class StreamingAiProvider extends AiProvider {
  abstract readonly name: AiProviderName;

  /**
   * `timeoutMs`: deadline of the whole call; `firstWordMs`: deadline of its first word (a
   * provider that accepted the call and then streams nothing is given up sooner; both give a
   * retryable `timeout`).
   */
  constructor(
    protected readonly timeoutMs: number,
    private readonly firstWordMs: number = timeoutMs,
  ) {
    super();
  }

  /** Starts the streaming call with `signal`; resolves once the provider accepted it. */
  protected abstract openStream(
    request: AiCompletionRequest,
    signal: AbortSignal,
  ): Promise<AsyncIterable<ProviderChunk>>;

  /** The AiProviderError for an error of this adapter's SDK, or undefined for any other error. */
  protected abstract translateSdkError(error: unknown): AiProviderError | undefined;

  async complete(request: AiCompletionRequest, onDelta: AiDeltaHandler): Promise<AiCompletion> {
    // One controller per call, aborted by the deadline, the caller's signal, or a failing
    // onDelta (the provider then stops generating for nobody). Plain listeners removed at
    // the end rather than AbortSignal.any, so a long-lived caller signal (a worker's
    // shutdown signal) keeps nothing of finished calls.
    const call = new AbortController();
    let deadlinePassed: number | null = null;
    const giveUpAfter = (ms: number) =>
      setTimeout(() => {
        deadlinePassed = ms;
        call.abort(new DOMException(`délai de ${ms} ms dépassé`, 'TimeoutError'));
      }, ms);
    const deadline = giveUpAfter(this.timeoutMs);
    let firstWord: ReturnType<typeof setTimeout> | null =
      this.firstWordMs < this.timeoutMs ? giveUpAfter(this.firstWordMs) : null;
    const firstWordCame = () => {
      if (firstWord) clearTimeout(firstWord);
      firstWord = null;
    };
    const callerAborted = () => call.abort(request.signal?.reason);
    if (request.signal?.aborted) callerAborted();
    else request.signal?.addEventListener('abort', callerAborted, { once: true });
    let consumerFailed = false;
    let consumerError: unknown;

    let text = '';
    let finishReason: string | null = null;
    let usage: AiUsage | undefined;
    let model = request.model;
    let chunks = 0;
    try {
      const stream = await this.openStream(request, call.signal);
      for await (const chunk of stream) {
        chunks += 1;
        if (chunk.model) model = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        if (chunk.finishReason) finishReason = chunk.finishReason;
        if (chunk.text) {
          firstWordCame();
          text += chunk.text;
          try {
            await onDelta(chunk.text);
          } catch (error) {
            consumerFailed = true;
            consumerError = error;
            call.abort();
            throw error;
          }
        }
      }
      if (finishReason === null) {
        // The OpenAI SDK ends a stream quietly when its signal aborts: a missing end is
        // how a deadline passed mid-answer shows up there.
        if (call.signal.aborted) throw call.signal.reason;
        throw AiProviderError.badResponse(
          { provider: this.name },
          chunks === 0 ? 'réponse vide' : 'réponse incomplète (flux terminé sans fin de message)',
        );
      }
    } catch (error) {
      if (consumerFailed) throw consumerError;
      throw this.normalise(error, deadlinePassed, request.signal);
    } finally {
      clearTimeout(deadline);
      firstWordCame();
      request.signal?.removeEventListener('abort', callerAborted);
    }

    const usageSource = usage ? 'provider' : 'tokenizer';
    usage ??= countedUsage(request, text);
    return { text, usage, usageSource, model, provider: this.name, finishReason };
  }

  private normalise(
    error: unknown,
    deadlinePassed: number | null,
    callerSignal: AbortSignal | undefined,
  ): AiProviderError {
    if (error instanceof AiProviderError) return error;
    const details = { provider: this.name, cause: error };
    // Our own signals first: an SDK reports an abort in many shapes (AbortError,
    // TimeoutError, its own classes, or nothing at all).
    if (deadlinePassed !== null) return AiProviderError.deadline(deadlinePassed, details);
    if (callerSignal?.aborted) return AiProviderError.cancelled(details);
    const known = this.translateSdkError(error);
    if (known) return known;
    if (error instanceof SyntaxError || (error instanceof Error && error.name === 'ZodError')) {
      return AiProviderError.badResponse(details);
    }
    if (isNetworkError(error)) return AiProviderError.unreachable(details);
    return new AiProviderError('server', true, 'Erreur inattendue pendant l’appel au fournisseur d’IA', details);
  }
}

function countedUsage(request: AiCompletionRequest, text: string): AiUsage {
  const promptTokens = countPromptTokens(request.messages);
  const completionTokens = countTextTokens(text);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

// undici reports a refused or cut connection as TypeError("fetch failed" / "terminated"),
// with the socket error as cause.
function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_\w+)$/.test(code)) return true;
  return error instanceof TypeError && /fetch failed|terminated|network|socket/i.test(error.message);
}

/** Usage numbers as a provider reports them; total recomputed when missing. */
export function usageOf(
  promptTokens: number | undefined,
  completionTokens: number | undefined,
  totalTokens?: number | null,
): AiUsage {
  const prompt = promptTokens ?? 0;
  const completion = completionTokens ?? 0;
  return { promptTokens: prompt, completionTokens: completion, totalTokens: totalTokens || prompt + completion };
}
