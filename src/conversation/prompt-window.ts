import type { AiMessage } from '../../libs/ai-providers/ai-provider';
import {
  countPromptTokens,
  countTextTokens,
  TOKENS_PER_MESSAGE,
  TOKENS_PRIMING_REPLY,
} from '../../libs/ai-providers/token-counter';

/** A stored message as the window needs it. */
export interface WindowMessage {
  role: string;
  content: string;
  contextTokens?: number | null;
}

export interface PromptWindow {
  messages: AiMessage[];
  /** Prompt tokens of `messages`, as the provider will bill them (cl100k count). */
  tokens: number;
}

const asAiMessage = (m: WindowMessage): AiMessage => ({
  role: m.role === 'assistant' ? 'assistant' : 'user',
  content: m.content,
});

/** Tokens of a new message's text, and what it will cost as history (counted once, stored with it). */
export function tokensOfNewMessage(role: 'student' | 'assistant', content: string) {
  const text = countTextTokens(content);
  return { text, context: TOKENS_PER_MESSAGE + countTextTokens(asAiMessage({ role, content }).role) + text };
}

/** What one message costs as history (stored once on the message, counted here when absent). */
export function contextTokensOf(m: WindowMessage): number {
  return m.contextTokens ?? countPromptTokens([asAiMessage(m)]) - TOKENS_PRIMING_REPLY;
}

/**
 * The history an AI call sends for its last message: system notes dropped, then the newest
 * messages that fit in `budget` prompt tokens (the last one always). The send reserves what
 * this window costs; the reply job rebuilds the same window with the reserved tokens as its
 * budget, so a call never sends more than was reserved (one turn at a time: nothing is added
 * to the conversation in between).
 */
export function promptWindow(history: readonly WindowMessage[], budget: number): PromptWindow {
  const chat = history.filter((m) => m.role !== 'system');
  const kept: WindowMessage[] = [];
  let tokens = TOKENS_PRIMING_REPLY;
  for (let i = chat.length - 1; i >= 0; i--) {
    const cost = contextTokensOf(chat[i]);
    if (kept.length > 0 && tokens + cost > budget) break;
    kept.unshift(chat[i]);
    tokens += cost;
  }
  return { messages: kept.map(asAiMessage), tokens };
}

/** What a send reserves: its prompt window (history + the new message) and the answer's whole length. */
export interface SendReservation {
  window: PromptWindow;
  /** The new message's tokens: its text, and what it costs as history. */
  message: { text: number; context: number };
  /** window.tokens + maxTokens: the upper bound the quota gate holds while the answer is written. */
  tokens: number;
}

/**
 * The one computation of what sending `content` after `history` reserves (SendMessageUseCase);
 * with an empty `content`, what the next send reserves before its prompt's own words
 * (`prochainMessage` of GET /conversations/:id).
 */
export function sendReservation(
  history: readonly WindowMessage[],
  content: string,
  contextMaxTokens: number,
  maxTokens: number,
): SendReservation {
  const message = tokensOfNewMessage('student', content);
  const window = promptWindow(
    [...history, { role: 'student', content, contextTokens: message.context }],
    contextMaxTokens,
  );
  return { window, message, tokens: window.tokens + maxTokens };
}
