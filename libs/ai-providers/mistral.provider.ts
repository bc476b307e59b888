import { Mistral } from '@mistralai/mistralai';
import type { CompletionEvent } from '@mistralai/mistralai/models/components';
import {
  ConnectionError,
  MistralError,
  RequestAbortedError,
  RequestTimeoutError,
  SDKValidationError,
} from '@mistralai/mistralai/models/errors';
import type { AiCompletionRequest } from './ai-provider';
import { AiProviderError, retryAfterMsFrom } from './ai-provider.errors';
import { ProviderChunk, StreamingAiProvider, usageOf } from './streaming-ai-provider';

export interface MistralProviderOptions {
  apiKey: string;
  /** MISTRAL_SERVER_URL (without /v1: the SDK adds /v1/chat/completions); the SDK's default otherwise. */
  serverURL?: string;
  timeoutMs: number;
  /** Deadline of the first word (AI_FIRST_TOKEN_TIMEOUT_MS); the whole call's when absent. */
  firstTokenTimeoutMs?: number;
}

/**
 * Mistral chat completions through the official SDK (v1, CommonJS), streamed. Retries
 * off, as for OpenAI: the `ai` queue owns them.
 */
export class MistralProvider extends StreamingAiProvider {
  readonly name = 'mistral' as const;
  private readonly client: Mistral;

  constructor(options: MistralProviderOptions) {
    super(options.timeoutMs, options.firstTokenTimeoutMs);
    this.client = new Mistral({
      apiKey: options.apiKey,
      serverURL: options.serverURL,
      timeoutMs: options.timeoutMs,
      retryConfig: { strategy: 'none' },
    });
  }

  protected async openStream(request: AiCompletionRequest, signal: AbortSignal): Promise<AsyncIterable<ProviderChunk>> {
    const stream = await this.client.chat.stream(
      {
        model: request.model,
        messages: request.messages,
        temperature: request.temperature,
        maxTokens: request.maxTokens,
      },
      // A signal takes precedence over timeoutMs in the SDK; ours carries the deadline.
      { signal, retries: { strategy: 'none' } },
    );
    return readChunks(stream);
  }

  protected translateSdkError(error: unknown): AiProviderError | undefined {
    const details = { provider: this.name, cause: error };
    if (error instanceof RequestTimeoutError) return AiProviderError.deadline(this.timeoutMs, details);
    if (error instanceof RequestAbortedError) return AiProviderError.cancelled(details);
    if (error instanceof ConnectionError) return AiProviderError.unreachable(details);
    if (error instanceof MistralError) {
      // A 2xx the SDK could not read (wrong content type, body off its schema).
      if (error.statusCode < 400) return AiProviderError.badResponse({ ...details, status: error.statusCode });
      return AiProviderError.fromStatus(error.statusCode, {
        ...details,
        retryAfterMs: retryAfterMsFrom(error.headers),
        providerMessage: error.body || error.message,
      });
    }
    // The SDK checks the request against its schema before sending it: a bug of ours, final.
    if (error instanceof SDKValidationError && /input validation/i.test(error.message)) {
      return new AiProviderError(
        'policy',
        false,
        'Requête refusée avant envoi au fournisseur d’IA (paramètres invalides)',
        {
          ...details,
          providerMessage: error.message,
        },
      );
    }
    if (error instanceof SDKValidationError) return AiProviderError.badResponse(details);
    return undefined;
  }
}

async function* readChunks(stream: AsyncIterable<CompletionEvent>): AsyncIterable<ProviderChunk> {
  for await (const event of stream) {
    const chunk = event.data;
    const choice = chunk.choices[0];
    yield {
      text: textOf(choice?.delta.content),
      finishReason: choice?.finishReason ?? null,
      usage: chunk.usage
        ? usageOf(chunk.usage.promptTokens, chunk.usage.completionTokens, chunk.usage.totalTokens)
        : undefined,
      model: chunk.model,
    };
  }
}

// Mistral may send a delta as a list of typed parts; only text parts make the answer.
function textOf(content: string | readonly { type?: string; text?: string }[] | null | undefined): string {
  if (!content) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
}
