import type { Schema } from '@prompt-challenge/api-client';
import type { ApiError } from '../../api/errors';

export type MyQuota = Schema<'MyQuota'>;

/** What is left of a quota: prompts and tokens, never below zero. */
export function remaining(q: MyQuota): { prompts: number; tokens: number } {
  return {
    prompts: Math.max(0, q.promptsLimit - q.promptsUsed),
    tokens: Math.max(0, q.tokensLimit - q.tokensUsed),
  };
}

/** Whether no prompt can be sent any more (prompts or tokens used up). */
export function exhausted(q: MyQuota): boolean {
  const left = remaining(q);
  return left.prompts === 0 || left.tokens === 0;
}

/**
 * The quota as a `429 QUOTA_*` answer states it (`details: [{kind, used, limit}]`), laid over
 * the one the page knew: the refusal is the freshest word on what is used.
 */
export function quotaAfterRefusal(known: MyQuota | null, error: ApiError): MyQuota | null {
  if (!error.code.startsWith('QUOTA_')) return known;
  let next: MyQuota | null = known ? { ...known } : null;
  for (const d of error.details ?? []) {
    if (typeof d !== 'object' || d === null) continue;
    const { kind, used, limit } = d as { kind?: unknown; used?: unknown; limit?: unknown };
    if (typeof used !== 'number' || typeof limit !== 'number') continue;
    next ??= { promptsUsed: 0, promptsLimit: 0, tokensUsed: 0, tokensLimit: 0 };
    if (kind === 'prompts') next = { ...next, promptsUsed: used, promptsLimit: limit };
    else if (kind === 'tokens') next = { ...next, tokensUsed: used, tokensLimit: limit };
  }
  return next;
}

/**
 * Whether the next prompt of a conversation surely cannot fit: a send reserves its answer's
 * whole length (`maxTokens`) plus the history it sends (src/conversation/prompt-window.ts), so
 * fewer tokens left than `maxTokens` is a refusal before anything is sent.
 */
export function surelyTooLong(q: MyQuota, maxTokens: number): boolean {
  return remaining(q).tokens < maxTokens;
}
