import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { AiCompletionRequest } from './ai-provider';
import { AiProviderError, retryAfterMsFrom } from './ai-provider.errors';
import { ProviderChunk, StreamingAiProvider, usageOf } from './streaming-ai-provider';

export interface OpenAiProviderOptions {
  apiKey: string;
  /** OPENAI_BASE_URL: any OpenAI-compatible server (Ollama, vLLM, LiteLLM); the SDK's default otherwise. */
  baseURL?: string;
  timeoutMs: number;
  /** Deadline of the first word (AI_FIRST_TOKEN_TIMEOUT_MS); the whole call's when absent. */
  firstTokenTimeoutMs?: number;
}

/**
 * OpenAI chat completions through the official SDK, streamed. The SDK's own retries are
 * off: the `ai` queue retries with backoff and counts attempts.
 */
export class OpenAiProvider extends StreamingAiProvider {
  readonly name = 'openai' as const;
  private readonly client: OpenAI;

  constructor(options: OpenAiProviderOptions) {
    super(options.timeoutMs, options.firstTokenTimeoutMs);
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      maxRetries: 0,
      // The SDK would print malformed chunks to the console; the AiProviderError says it.
      logLevel: 'off',
    });
  }

  protected async openStream(request: AiCompletionRequest, signal: AbortSignal): Promise<AsyncIterable<ProviderChunk>> {
    const stream = await this.client.chat.completions.create(
      {
        model: request.model,
        messages: request.messages,
        temperature: request.temperature,
        // `max_tokens` rather than `max_completion_tokens`: the one every compatible server reads.
        max_tokens: request.maxTokens,
        stream: true,
        stream_options: { include_usage: true },
      },
      { signal },
    );
    return readChunks(stream);
  }

  protected translateSdkError(error: unknown): AiProviderError | undefined {
    const details = { provider: this.name, cause: error };
    if (error instanceof APIConnectionTimeoutError) return AiProviderError.deadline(this.timeoutMs, details);
    if (error instanceof APIUserAbortError) return AiProviderError.cancelled(details);
    if (error instanceof APIConnectionError) return AiProviderError.unreachable(details);
    if (error instanceof APIError) {
      if (error.status) {
        return AiProviderError.fromStatus(error.status, {
          ...details,
          retryAfterMs: retryAfterMsFrom(error.headers),
          providerMessage: error.message,
        });
      }
      // An `error` object inside the stream, after a 200.
      return new AiProviderError('server', true, 'Le fournisseur d’IA a signalé une erreur en cours de réponse', {
        ...details,
        providerMessage: error.message,
      });
    }
    return undefined;
  }
}

async function* readChunks(stream: AsyncIterable<ChatCompletionChunk>): AsyncIterable<ProviderChunk> {
  for await (const chunk of stream) {
    const choice = chunk.choices?.[0];
    yield {
      text: choice?.delta?.content ?? '',
      finishReason: choice?.finish_reason ?? null,
      usage: chunk.usage
        ? usageOf(chunk.usage.prompt_tokens, chunk.usage.completion_tokens, chunk.usage.total_tokens)
        : undefined,
      model: chunk.model,
    };
  }
}
