import { rankSubmissions } from './ranking';

const at = (minute: number) => new Date(Date.UTC(2025, 2, 10, 12, minute)).toISOString();

describe('rankSubmissions', () => {
  // Three examiners grade three submissions: e1 is harsh, e2 lenient, e3 gives 6 to all.
  const submissions = [
    { conversationId: 'A', soumisLe: at(1) },
    { conversationId: 'B', soumisLe: at(2) },
    { conversationId: 'C', soumisLe: at(3) },
  ];
  const grades = [
    { conversationId: 'A', examinerId: 'e1', note: 4 },
    { conversationId: 'A', examinerId: 'e2', note: 8 },
    { conversationId: 'A', examinerId: 'e3', note: 6 },
    { conversationId: 'B', examinerId: 'e1', note: 6 },
    { conversationId: 'B', examinerId: 'e2', note: 9 },
    { conversationId: 'B', examinerId: 'e3', note: 6 },
    { conversationId: 'C', examinerId: 'e1', note: 5 },
    { conversationId: 'C', examinerId: 'e2', note: 7 },
    { conversationId: 'C', examinerId: 'e3', note: 6 },
  ];

  it('ranks by mean note, equal means by the earlier submission', () => {
    const rows = rankSubmissions(submissions, grades);
    expect(rows.map((r) => [r.conversationId, r.rank, r.meanNote, r.gradeCount])).toEqual([
      ['B', 1, 7, 3],
      ['A', 2, 6, 3],
      ['C', 3, 6, 3],
    ]);
  });

  it('maps the mean of per-examiner z-scores back to 1–10 (computed by hand)', () => {
    // e1: mean 5, sd √(2/3): z(A)=−√1.5, z(B)=+√1.5, z(C)=0. e2: mean 8: z(A)=0, z(B)=+√1.5, z(C)=−√1.5.
    // e3 never varies: z = 0. All notes: mean 57/9, sd √2.
    // A: z̄ = −√1.5/3 → 57/9 − √2·√1.5/3 = 6.3333 − 0.5774 = 5.76; B: 6.3333 + 1.1547 = 7.49; C = A.
    const rows = Object.fromEntries(rankSubmissions(submissions, grades).map((r) => [r.conversationId, r]));
    expect(rows.A.fairNote).toBe(5.76);
    expect(rows.B.fairNote).toBe(7.49);
    expect(rows.C.fairNote).toBe(5.76);
    expect(rows.A.meanZScore).toBe(-0.41);
    expect(rows.B.meanZScore).toBe(0.82);
  });

  it('flags submissions whose notes differ by 3 points or more', () => {
    const rows = Object.fromEntries(rankSubmissions(submissions, grades).map((r) => [r.conversationId, r]));
    expect([rows.A.divergent, rows.B.divergent, rows.C.divergent]).toEqual([true, true, false]);
    expect([rows.A.minNote, rows.A.maxNote]).toEqual([4, 8]);
  });

  it('puts ungraded submissions last, unranked', () => {
    const rows = rankSubmissions([{ conversationId: 'Z', soumisLe: at(0) }, ...submissions], grades);
    expect(rows[3]).toEqual(
      expect.objectContaining({
        conversationId: 'Z',
        rank: null,
        meanNote: null,
        gradeCount: 0,
        fairNote: null,
        divergent: false,
      }),
    );
  });

  it('gives the note itself as fair note when no note varies, and clamps to 1..10', () => {
    const flat = rankSubmissions(submissions.slice(0, 2), [
      { conversationId: 'A', examinerId: 'e1', note: 7.5 },
      { conversationId: 'B', examinerId: 'e2', note: 7.5 },
    ]);
    expect(flat.map((r) => r.fairNote)).toEqual([7.5, 7.5]);
    const extreme = rankSubmissions(submissions, [
      { conversationId: 'A', examinerId: 'e1', note: 10 },
      { conversationId: 'B', examinerId: 'e1', note: 1 },
      { conversationId: 'C', examinerId: 'e1', note: 1 },
    ]);
    for (const r of extreme) expect(r.fairNote! >= 1 && r.fairNote! <= 10).toBe(true);
  });
});
