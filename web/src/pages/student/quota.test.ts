import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { exhausted, quotaAfterRefusal, remaining, surelyTooLong } from './quota';

const q = { promptsUsed: 3, promptsLimit: 10, tokensUsed: 900, tokensLimit: 1000 };

describe('quota', () => {
  it('tells what is left, never below zero', () => {
    expect(remaining(q)).toEqual({ prompts: 7, tokens: 100 });
    expect(remaining({ ...q, promptsUsed: 12, tokensUsed: 1200 })).toEqual({ prompts: 0, tokens: 0 });
  });

  it('is exhausted when prompts or tokens are used up', () => {
    expect(exhausted(q)).toBe(false);
    expect(exhausted({ ...q, promptsUsed: 10 })).toBe(true);
    expect(exhausted({ ...q, tokensUsed: 1000 })).toBe(true);
  });

  it('takes the numbers a 429 QUOTA_* states', () => {
    const refusal = new ApiError(429, 'QUOTA_PROMPTS_EXCEEDED', 'Quota atteint', [
      { kind: 'prompts', used: 10, limit: 10 },
    ]);
    expect(quotaAfterRefusal(q, refusal)).toEqual({ ...q, promptsUsed: 10 });
    const tokens = new ApiError(429, 'QUOTA_TOKENS_EXCEEDED', 'Quota atteint', [
      { kind: 'tokens', used: 990, limit: 1000 },
      { kind: 'userTokens', used: 5, limit: 6 },
    ]);
    expect(quotaAfterRefusal(q, tokens)).toEqual({ ...q, tokensUsed: 990 });
    expect(quotaAfterRefusal(null, refusal)).toEqual({
      promptsUsed: 10,
      promptsLimit: 10,
      tokensUsed: 0,
      tokensLimit: 0,
    });
  });

  it('keeps what it knew for other refusals and malformed details', () => {
    expect(quotaAfterRefusal(q, new ApiError(409, 'REPLY_PENDING', 'En attente'))).toBe(q);
    expect(
      quotaAfterRefusal(q, new ApiError(429, 'QUOTA_PROMPTS_EXCEEDED', 'x', ['bizarre', { kind: 'prompts' }])),
    ).toEqual(q);
  });

  it('knows a next prompt cannot fit when fewer tokens are left than the answer length it reserves', () => {
    expect(surelyTooLong(q, 512)).toBe(true);
    expect(surelyTooLong(q, 100)).toBe(false);
    expect(surelyTooLong({ ...q, tokensUsed: 0 }, 512)).toBe(false);
  });
});
