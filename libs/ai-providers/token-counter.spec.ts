import { countPromptTokens, countTextTokens, tokenReservationFor } from './token-counter';

describe('token counter (cl100k_base, a real BPE tokenizer)', () => {
  it('counts text tokens as GPT-3.5/GPT-4 do, not by characters', () => {
    expect(countTextTokens('')).toBe(0);
    expect(countTextTokens('hello world')).toBe(2);
    expect(countTextTokens('Bonjour le monde, hello world')).toBe(6);
    // 47 characters, 15 tokens: accents and typographic apostrophes cost more than English.
    expect(countTextTokens('Écris un poème sur l’intelligence artificielle.')).toBe(15);
  });

  it('counts a chat prompt with OpenAI’s framing: 3 per message + role + content, 3 to prime the reply', () => {
    expect(countPromptTokens([])).toBe(3);
    expect(countPromptTokens([{ role: 'user', content: 'hello world' }])).toBe(9);
    expect(
      countPromptTokens([
        { role: 'system', content: 'hello world' },
        { role: 'user', content: 'hello world' },
      ]),
    ).toBe(15);
  });

  it('grows with the conversation: every message counts', () => {
    const one = countPromptTokens([{ role: 'user', content: 'Explique les LLM.' }]);
    const two = countPromptTokens([
      { role: 'user', content: 'Explique les LLM.' },
      { role: 'assistant', content: 'Ce sont des modèles de langage.' },
    ]);
    expect(two - one).toBe(3 + countTextTokens('assistant') + countTextTokens('Ce sont des modèles de langage.'));
  });

  it('reserves the upper bound of a call: every prompt token plus maxTokens', () => {
    const messages = [{ role: 'user' as const, content: 'hello world' }];
    expect(tokenReservationFor({ messages, maxTokens: 512 })).toBe(9 + 512);
  });
});
