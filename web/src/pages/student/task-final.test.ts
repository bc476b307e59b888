import { describe, expect, it } from 'vitest';
import type { Schema } from '@prompt-challenge/api-client';
import { findTaskFinal, taskFinalIn } from './task-final';

type Summary = Schema<'ConversationView'>;
const conv = (id: string, tacheId: string, submitted = false) =>
  ({ id, tacheId, versionFinale: submitted ? { soumisLe: '2026-12-07T20:00:00Z' } : null }) as unknown as Summary;

describe('the conversation that holds the task’s final version', () => {
  it('is the one of the same task with a final version, never the conversation on screen', () => {
    const items = [conv('a', 't1'), conv('b', 't2', true), conv('c', 't1', true)];
    expect(taskFinalIn(items, 't1', 'a')?.id).toBe('c');
    expect(taskFinalIn(items, 't1', 'c')).toBeNull();
    expect(taskFinalIn(items, 't3', 'a')).toBeNull();
  });

  it('is looked for page after page of GET /conversations/mine, and no further than the last', async () => {
    const all = [...Array.from({ length: 150 }, (_, i) => conv(`x${i}`, 't1')), conv('holder', 't1', true)];
    const asked: unknown[] = [];
    const list = (async (q: { page: number; limit: number; hackathonId: string }) => {
      asked.push(q);
      return {
        items: all.slice((q.page - 1) * q.limit, q.page * q.limit),
        total: all.length,
        page: q.page,
        limit: q.limit,
      };
    }) as never;
    await expect(findTaskFinal({ hackathonId: 'h', tacheId: 't1' }, 'x0', list)).resolves.toMatchObject({
      id: 'holder',
    });
    expect(asked).toEqual([
      { hackathonId: 'h', page: 1, limit: 100 },
      { hackathonId: 'h', page: 2, limit: 100 },
    ]);
    asked.length = 0;
    await expect(findTaskFinal({ hackathonId: 'h', tacheId: 't2' }, 'x0', list)).resolves.toBeNull();
    expect(asked).toHaveLength(2);
  });
});
