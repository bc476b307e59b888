import { Tiktoken, TiktokenBPE } from 'js-tiktoken/lite';
import type { AiMessage } from './ai-provider';

// Built on first use: the ranks take ~300 ms and 1 MB to load. Only cl100k_base is loaded
// (the package's main entry bundles every encoding, 5 MB); `require` because this
// subpath export is invisible to the project's "node" module resolution.
let encoder: Tiktoken | undefined;
function cl100k(): Tiktoken {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  encoder ??= new Tiktoken(require('js-tiktoken/ranks/cl100k_base') as TiktokenBPE);
  return encoder;
}

/** Tokens of a plain text with the cl100k_base tokenizer (GPT-3.5/GPT-4). */
export function countTextTokens(text: string): number {
  return text === '' ? 0 : cl100k().encode(text).length;
}

// OpenAI's accounting of the chat format: each message is wrapped in 3 tokens and the
// reply is primed with 3 more (OpenAI cookbook, "counting tokens for chat completions").
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PRIMING_REPLY = 3;

/**
 * Prompt tokens of a chat request, as the OpenAI API bills them for GPT-3.5/GPT-4.
 * Mistral's own tokenizer differs, usually by a few percent: for Mistral models this is
 * an estimate, and the provider's usage numbers stay the reference once a call is done.
 */
export function countPromptTokens(messages: readonly Pick<AiMessage, 'role' | 'content'>[]): number {
  let total = TOKENS_PRIMING_REPLY;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + countTextTokens(message.role) + countTextTokens(message.content);
  }
  return total;
}

/**
 * The most tokens one call can cost, the amount the quota gate reserves before the call:
 * every prompt token plus a reply as long as `maxTokens` allows.
 */
export function tokenReservationFor(request: {
  messages: readonly Pick<AiMessage, 'role' | 'content'>[];
  maxTokens: number;
}): number {
  return countPromptTokens(request.messages) + request.maxTokens;
}
