import type { AppConfig } from '../../config/env.schema';
import { ClassActivity, historyTokensOf } from './class-activity.service';
import type { ConversationRepository } from './conversation.repository';
import { promptWindow, tokensOfNewMessage } from './prompt-window';
import type { QuotaGate } from './quota/quota-gate';

const budget = 300;
const activity = new ClassActivity(
  {} as ConversationRepository,
  {} as QuotaGate,
  { AI_CONTEXT_MAX_TOKENS: budget } as AppConfig,
);
const message = (role: 'student' | 'assistant', words: number) => {
  const content = Array.from({ length: words }, (_, i) => `mot${i}`).join(' ');
  return { role, content, contextTokens: tokensOfNewMessage(role, content).context };
};
/** What send-message.usecase.ts reserves for the smallest next prompt. */
const reservedBySend = (history: ReturnType<typeof message>[], maxTokens: number) =>
  promptWindow([...history, message('student', 0)], budget).tokens + maxTokens;

describe('ClassActivity.nextSendReserve: what the next send of a conversation would reserve at least', () => {
  it('is what the send reserves for an empty prompt while the history fits the context budget', () => {
    for (const history of [[], [message('student', 5)], [message('student', 10), message('assistant', 40)]]) {
      expect(activity.nextSendReserve({ historyTokens: historyTokensOf(history), maxTokens: 512 })).toBe(
        reservedBySend(history, 512),
      );
    }
  });

  it('leaves system notes out of the history, as the window does', () => {
    const history = [message('student', 5), { role: 'system', content: 'La réponse a échoué.' }];
    expect(historyTokensOf(history)).toBe(historyTokensOf([message('student', 5)]));
  });

  it('counts a whole budget (to within one message) once the history outgrows it', () => {
    const history = Array.from({ length: 12 }, (_, i) => message(i % 2 ? 'assistant' : 'student', 30));
    const reserve = activity.nextSendReserve({ historyTokens: historyTokensOf(history), maxTokens: 100 });
    expect(reserve).toBe(budget + 100);
    const real = reservedBySend(history, 100);
    expect(real).toBeLessThanOrEqual(reserve);
    expect(reserve - real).toBeLessThanOrEqual(Math.max(...history.map((m) => m.contextTokens)));
  });
});
