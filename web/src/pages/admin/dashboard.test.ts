import { describe, expect, it } from 'vitest';
import { isDashboardRow, isDashboardTotals, mergeRow, withLimits, type DashboardRow } from './dashboard';

const row = (studentId: string, promptsUsed = 0): DashboardRow => ({
  studentId,
  prenom: 'P',
  nom: studentId,
  promptsUsed,
  promptsLimit: 5,
  tokensUsed: 0,
  tokensLimit: 1000,
  conversations: 0,
  pendingReplies: 0,
  failedReplies: 0,
  lastError: null,
  submitted: 0,
  lastActivityAt: null,
});

describe('dashboard rows', () => {
  it('replaces the row of the same student in place, keeping the order', () => {
    const rows = [row('a'), row('b'), row('c')];
    const next = mergeRow(rows, row('b', 3));
    expect(next.map((r) => r.studentId)).toEqual(['a', 'b', 'c']);
    expect(next[1].promptsUsed).toBe(3);
    expect(rows[1].promptsUsed).toBe(0);
  });

  it('adds a student not yet shown at the end', () => {
    expect(mergeRow([row('a')], row('z', 1)).map((r) => r.studentId)).toEqual(['a', 'z']);
  });

  it('sets one student’s new limits', () => {
    const next = withLimits([row('a'), row('b')], { studentId: 'b', promptsLimit: 12, tokensLimit: 5000 });
    expect(next[1]).toMatchObject({ promptsLimit: 12, tokensLimit: 5000 });
    expect(next[0].promptsLimit).toBe(5);
  });

  it('tells rows and totals apart in stream events', () => {
    expect(isDashboardRow(row('a'))).toBe(true);
    expect(isDashboardRow({ prompts: 1 })).toBe(false);
    expect(isDashboardTotals({ prompts: 1, tokens: 2 })).toBe(true);
    expect(isDashboardTotals('x')).toBe(false);
  });
});
