/**
 * The leaderboard's arithmetic, pure (docs/data-model.md §8.3 plus the fairness columns described in docs/contexts/evaluation.md).
 *
 * - `meanNote`: the plain mean of a submission's notes (sum / count).
 * - Ranking: by `meanNote`, highest first; equal means go to the earlier `soumisLe`, then the
 *   smaller conversation id. Submissions without any grade come last, unranked.
 * - `fairNote`: each note becomes a z-score within its examiner's own notes of the hackathon
 *   ((note − examiner mean) / examiner standard deviation, population formula; 0 when the
 *   examiner's notes do not vary). A submission's z-scores are averaged and mapped back to
 *   the 1–10 scale with the hackathon's mean and standard deviation of all notes
 *   (mean + z̄ × sd), clamped to 1..10. A harsh or a lenient examiner thus weighs no more than
 *   another. When all notes of the hackathon are equal, `fairNote` is that note.
 * - `divergent`: the submission's highest and lowest notes differ by 3 points or more.
 * Means and fair notes are rounded to 2 decimals for display; ranking uses exact values.
 */
export interface RankedSubmissionInput {
  conversationId: string;
  soumisLe: string;
}

export interface GradeInput {
  conversationId: string;
  examinerId: string;
  note: number;
}

export interface RankedRow {
  conversationId: string;
  rank: number | null;
  meanNote: number | null;
  gradeCount: number;
  notes: number[];
  minNote: number | null;
  maxNote: number | null;
  fairNote: number | null;
  meanZScore: number | null;
  divergent: boolean;
}

export const DIVERGENCE_THRESHOLD = 3;

export const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

function meanAndSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, sd: Math.sqrt(variance) };
}

export function rankSubmissions(
  submissions: readonly RankedSubmissionInput[],
  grades: readonly GradeInput[],
): RankedRow[] {
  const byExaminer = new Map<string, number[]>();
  const bySubmission = new Map<string, GradeInput[]>();
  for (const g of grades) {
    byExaminer.set(g.examinerId, [...(byExaminer.get(g.examinerId) ?? []), g.note]);
    bySubmission.set(g.conversationId, [...(bySubmission.get(g.conversationId) ?? []), g]);
  }
  const examinerStats = new Map([...byExaminer].map(([e, notes]) => [e, meanAndSd(notes)]));
  const global = grades.length ? meanAndSd(grades.map((g) => g.note)) : { mean: 0, sd: 0 };

  const rows = submissions.map((s) => {
    const mine = bySubmission.get(s.conversationId) ?? [];
    if (!mine.length) {
      return { s, exactMean: null as number | null, row: emptyRow(s.conversationId) };
    }
    const notes = mine.map((g) => g.note);
    const exactMean = notes.reduce((a, b) => a + b, 0) / notes.length;
    const z = mine.map((g) => {
      // Every grade's examiner has stats (built from these grades above).
      const { mean, sd } = examinerStats.get(g.examinerId) ?? { mean: g.note, sd: 0 };
      return sd > 0 ? (g.note - mean) / sd : 0;
    });
    const meanZ = z.reduce((a, b) => a + b, 0) / z.length;
    const fair = global.sd > 0 ? Math.min(10, Math.max(1, global.mean + meanZ * global.sd)) : global.mean;
    const min = Math.min(...notes);
    const max = Math.max(...notes);
    const row: RankedRow = {
      conversationId: s.conversationId,
      rank: null,
      meanNote: round2(exactMean),
      gradeCount: notes.length,
      notes: [...notes].sort((a, b) => a - b),
      minNote: min,
      maxNote: max,
      fairNote: round2(fair),
      meanZScore: round2(meanZ),
      divergent: max - min >= DIVERGENCE_THRESHOLD,
    };
    return { s, exactMean, row };
  });

  const time = (iso: string) => Date.parse(iso);
  rows.sort((a, b) => {
    if (a.exactMean === null || b.exactMean === null) {
      if (a.exactMean !== b.exactMean) return a.exactMean === null ? 1 : -1;
    } else if (a.exactMean !== b.exactMean) {
      return b.exactMean - a.exactMean;
    }
    return time(a.s.soumisLe) - time(b.s.soumisLe) || (a.s.conversationId < b.s.conversationId ? -1 : 1);
  });
  let rank = 0;
  return rows.map(({ exactMean, row }) => ({ ...row, rank: exactMean === null ? null : ++rank }));
}

function emptyRow(conversationId: string): RankedRow {
  return {
    conversationId,
    rank: null,
    meanNote: null,
    gradeCount: 0,
    notes: [],
    minNote: null,
    maxNote: null,
    fairNote: null,
    meanZScore: null,
    divergent: false,
  };
}
