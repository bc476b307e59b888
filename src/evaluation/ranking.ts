/**
 * The leaderboard's arithmetic, pure (docs/data-model.md §8.3 plus the fairness columns described in docs/contexts/evaluation.md).
 *
 * - `meanNote`: the plain mean of a submission's notes (sum / count).
 * - Ranking (docs/api.md 1.2): by `total` = poidsNote × meanNote/10 + poidsScore × score (the
 *   hackathon's `classement`, default {1, 0}: the mean note alone), highest first; equal totals
 *   go to fewer `tokensPrompt` (the final prompt's own tokens; none counts as more), then to the
 *   earlier `soumisLe`, then the smaller conversation id. Each row shows both parts (`partNote`,
 *   `partScore`). A submission lacking what a weight needs (no grade while poidsNote > 0, no
 *   check score while poidsScore > 0) comes last, unranked.
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
  /** The automatic checks' score (0–1) once `terminee`, else null. */
  score?: number | null;
  /** The final prompt's own tokens (tasks with checks), else null. */
  tokensPrompt?: number | null;
}

/** The hackathon's `classement`. */
export interface RankingWeights {
  poidsNote: number;
  poidsScore: number;
}

export const DEFAULT_WEIGHTS: RankingWeights = { poidsNote: 1, poidsScore: 0 };

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
  /** The checks' score (0–1), null without one. */
  score: number | null;
  tokensPrompt: number | null;
  /** poidsNote × meanNote / 10 (null when ungraded). */
  partNote: number | null;
  /** poidsScore × score (null without a score). */
  partScore: number | null;
  /** partNote + partScore, what the rank follows; null when unranked. */
  total: number | null;
}

export const DIVERGENCE_THRESHOLD = 3;

export const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const round4 = (x: number) => Math.round((x + Number.EPSILON) * 10_000) / 10_000;

function meanAndSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, sd: Math.sqrt(variance) };
}

export function rankSubmissions(
  submissions: readonly RankedSubmissionInput[],
  grades: readonly GradeInput[],
  weights: RankingWeights = DEFAULT_WEIGHTS,
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
    const score = s.score ?? null;
    const parts = (exactMean: number | null) => {
      const partNote = exactMean === null ? null : weights.poidsNote * (exactMean / 10);
      const partScore = score === null ? null : weights.poidsScore * score;
      const rankable =
        (weights.poidsNote === 0 || partNote !== null) && (weights.poidsScore === 0 || partScore !== null);
      const total = rankable ? (partNote ?? 0) + (partScore ?? 0) : null;
      return {
        total,
        shown: {
          score,
          tokensPrompt: s.tokensPrompt ?? null,
          partNote: partNote === null ? null : round4(partNote),
          partScore: partScore === null ? null : round4(partScore),
          total: total === null ? null : round4(total),
        },
      };
    };
    if (!mine.length) {
      const { total, shown } = parts(null);
      return { s, total, row: { ...emptyRow(s.conversationId), ...shown } };
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
      ...parts(exactMean).shown,
    };
    return { s, total: parts(exactMean).total, row };
  });

  const time = (iso: string) => Date.parse(iso);
  const tokens = (r: RankedSubmissionInput) => r.tokensPrompt ?? Infinity;
  rows.sort((a, b) => {
    if (a.total === null || b.total === null) {
      if (a.total !== b.total) return a.total === null ? 1 : -1;
    } else if (a.total !== b.total) {
      return b.total - a.total;
    }
    const fewer = tokens(a.s) - tokens(b.s);
    if (fewer && Number.isFinite(fewer)) return fewer;
    if (tokens(a.s) !== tokens(b.s)) return Number.isFinite(tokens(a.s)) ? -1 : 1;
    return time(a.s.soumisLe) - time(b.s.soumisLe) || (a.s.conversationId < b.s.conversationId ? -1 : 1);
  });
  let rank = 0;
  return rows.map(({ total, row }) => ({ ...row, rank: total === null ? null : ++rank }));
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
    score: null,
    tokensPrompt: null,
    partNote: null,
    partScore: null,
    total: null,
  };
}
