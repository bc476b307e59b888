import { describe, expect, it } from 'vitest';
import {
  attentionOf,
  attentionSummary,
  byAttention,
  isDashboardRow,
  isDashboardTotals,
  mergeRow,
  refusalWords,
  withLimits,
  type DashboardRow,
} from './dashboard';

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
  bloque: false,
  refus: { nombre: 0, dernier: null },
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

describe('students who need the teacher', () => {
  const with12 = (over: Record<string, unknown>) => ({ ...row('x'), ...over }) as DashboardRow;

  it('names a used-up quota', () => {
    expect(attentionOf(row('a', 5)).blocked).toBe('Bloqué : plus aucun prompt.');
    expect(attentionOf({ ...row('a'), tokensUsed: 1000 }).blocked).toBe('Bloqué : plus aucun token.');
    expect(attentionOf(row('a', 4))).toEqual({ blocked: null, refusals: null });
  });

  it('flags the server’s `bloque` and counts its `refus` (API 1.2)', () => {
    const a = attentionOf(
      with12({
        bloque: true,
        refus: { nombre: 3, dernier: { code: 'QUOTA_TOKENS_EXCEEDED', at: '2026-03-02T13:05:00Z' } },
      }),
    );
    expect(a.blocked).toBe('Bloqué : son prochain prompt ne tient plus dans son quota de tokens.');
    expect(refusalWords(a.refusals, (iso) => iso.slice(11, 16))).toBe('3 refus (dernier : quota de tokens, 13:05)');
    expect(attentionOf(with12({ bloque: false, refus: { nombre: 0, dernier: null } }))).toEqual({
      blocked: null,
      refusals: null,
    });
  });

  it('sorts the blocked first, then the refused, then by name, as the server does', () => {
    const rows = [
      row('a'),
      with12({ studentId: 'b', refus: { nombre: 1, dernier: null } }),
      row('c'),
      row('d', 5),
      with12({ studentId: 'e', bloque: true }),
    ];
    expect(byAttention(rows).map((r) => r.studentId)).toEqual(['d', 'e', 'b', 'a', 'c']);
    // A row that changes live takes its place by name, not where it was.
    expect(byAttention([row('c', 5), row('a'), row('b', 5)]).map((r) => r.studentId)).toEqual(['b', 'c', 'a']);
  });
});

describe('the line above a class with students stuck', () => {
  it('says how many are blocked or refused and where to act', () => {
    expect(attentionSummary(1, 0)).toBe(
      '1 étudiant bloqué par son quota : il est en tête de la liste. « Changer le quota d’un étudiant », plus bas, relève un quota.',
    );
    expect(attentionSummary(2, 1)).toMatch(
      /^2 étudiants bloqués par leur quota et 1 étudiant qui a reçu des refus : ils sont/,
    );
  });
});
