import type { AiProviderName } from '../../config/ai-models';

export type AiRole = 'system' | 'user' | 'assistant';

export interface AiMessage {
  role: AiRole;
  content: string;
}

export interface AiCompletionRequest {
  /** Model name as sent to the provider (an entry of the configured model list). */
  model: string;
  messages: AiMessage[];
  temperature: number;
  /** Upper bound of completion tokens. */
  maxTokens: number;
  /** Cancels the call (worker shutdown...); the adapter adds its own deadline on top. */
  signal?: AbortSignal;
}

export interface AiUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface AiCompletion {
  /** The whole answer: the concatenation of every delta given to `onDelta`. */
  text: string;
  usage: AiUsage;
  /**
   * `provider`: the numbers the provider reported. `tokenizer`: the provider sent none
   * (some OpenAI-compatible servers), so they were counted here with cl100k_base.
   */
  usageSource: 'provider' | 'tokenizer';
  /** The model that answered, as the provider names it (falls back to the requested one). */
  model: string;
  provider: AiProviderName;
  /** `stop`, `length` (maxTokens reached), `content_filter`, ... as the provider says. */
  finishReason: string;
}

/** Receives each piece of the answer as it arrives; awaited, so a slow consumer slows the read. */
export type AiDeltaHandler = (text: string) => void | Promise<void>;

/**
 * Port to a chat model. `complete` streams the answer into `onDelta` and resolves with the
 * full text and the token usage, or rejects with an `AiProviderError` (an error thrown by
 * `onDelta` itself is rethrown unchanged, after the call is cancelled).
 */
export abstract class AiProvider {
  abstract complete(request: AiCompletionRequest, onDelta: AiDeltaHandler): Promise<AiCompletion>;
}
