import type { AiMessage } from '../../../libs/ai-providers/ai-provider';

/** The conversation as the provider sees it: student → user, assistant kept, system notes dropped. */
export function historyForProvider(messages: readonly { role: string; content: string }[]): AiMessage[] {
  return messages
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role === 'assistant' ? 'assistant' : 'user', content: m.content }));
}
