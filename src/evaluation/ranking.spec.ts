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

  describe("with the hackathon's classement (note and checks' score)", () => {
    const subs = [
      { conversationId: 'A', soumisLe: at(1), score: 0.5, tokensPrompt: 40 },
      { conversationId: 'B', soumisLe: at(2), score: 1, tokensPrompt: 60 },
      { conversationId: 'C', soumisLe: at(3), score: 1, tokensPrompt: 30 },
      { conversationId: 'D', soumisLe: at(4), score: null, tokensPrompt: 10 },
    ];
    const notes = [
      { conversationId: 'A', examinerId: 'e1', note: 10 },
      { conversationId: 'B', examinerId: 'e1', note: 6 },
      { conversationId: 'C', examinerId: 'e1', note: 6 },
      { conversationId: 'D', examinerId: 'e1', note: 9 },
    ];

    it('ranks by poidsNote × note/10 + poidsScore × score and shows both parts', () => {
      const rows = rankSubmissions(subs, notes, { poidsNote: 0.5, poidsScore: 0.5 });
      // A: 0.5 + 0.25 = 0.75; B and C: 0.3 + 0.5 = 0.8, C has fewer tokens; D has no score: unranked.
      expect(rows.map((r) => [r.conversationId, r.rank, r.partNote, r.partScore, r.total])).toEqual([
        ['C', 1, 0.3, 0.5, 0.8],
        ['B', 2, 0.3, 0.5, 0.8],
        ['A', 3, 0.5, 0.25, 0.75],
        ['D', null, 0.45, null, null],
      ]);
    });

    it('by default ({1, 0}) the note alone decides, ties to fewer prompt tokens, then the earlier submission', () => {
      const rows = rankSubmissions(
        [...subs, { conversationId: 'E', soumisLe: at(0), score: null, tokensPrompt: null }],
        [...notes, { conversationId: 'E', examinerId: 'e1', note: 6 }],
      );
      expect(rows.map((r) => r.conversationId)).toEqual(['A', 'D', 'C', 'B', 'E']);
      expect(rows[0]).toEqual(expect.objectContaining({ partNote: 1, partScore: 0, total: 1, score: 0.5 }));
    });

    it('the score alone ({0, 1}) ranks ungraded submissions too', () => {
      const rows = rankSubmissions(subs, [], { poidsNote: 0, poidsScore: 1 });
      expect(rows.map((r) => [r.conversationId, r.rank])).toEqual([
        ['C', 1],
        ['B', 2],
        ['A', 3],
        ['D', null],
      ]);
    });
  });
});
