import { round2 } from './ranking';

/** One grade of a hackathon, as the class figures need it. */
export interface ClassGrade {
  id: string;
  studentId: string;
  conversationId: string;
  examinerId: string;
  note: number;
  /** ISO date the evaluation was first written (never changes, unlike `gradedAt`). */
  createdAt: string;
}

/** Where the class stands and where one student stands in it. */
export interface ClassStanding {
  /** The class's mean note: the mean of the graded students' notes (2 decimals), null when nobody is graded. */
  moyenne: number | null;
  /** How many students have at least one grade. */
  effectif: number;
  /** The student's rank by note among them (1 = best; equal notes share a rank), null when not graded. */
  rang: number | null;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
// Notes are multiples of 0.5, their means rationals: compare them rounded, so 7.5 equals 7.5.
const comparable = (x: number) => Math.round(x * 1e6);

/**
 * The class figures of results/me. A student's note is the mean of their graded submissions'
 * means (each submission weighs the same, however many examiners graded it); the rank counts
 * the students with a strictly higher note, plus one ("1, 1, 3": ties share a rank).
 */
export function classStanding(grades: readonly ClassGrade[], studentId: string): ClassStanding {
  const byConversation = new Map<string, { studentId: string; notes: number[] }>();
  for (const g of grades) {
    const c = byConversation.get(g.conversationId) ?? { studentId: g.studentId, notes: [] };
    c.notes.push(g.note);
    byConversation.set(g.conversationId, c);
  }
  const byStudent = new Map<string, number[]>();
  for (const c of byConversation.values())
    byStudent.set(c.studentId, [...(byStudent.get(c.studentId) ?? []), mean(c.notes)]);
  const notes = new Map([...byStudent].map(([id, means]) => [id, mean(means)]));
  if (!notes.size) return { moyenne: null, effectif: 0, rang: null };
  const mine = notes.get(studentId);
  const rang =
    mine === undefined ? null : 1 + [...notes.values()].filter((n) => comparable(n) > comparable(mine)).length;
  return { moyenne: round2(mean([...notes.values()])), effectif: notes.size, rang };
}

/**
 * "Examinateur N" for each examiner of a hackathon: numbered in the order of their first
 * evaluation there (creation date, then id), so the same examiner has the same number on every
 * copy of the hackathon, whoever reads it, and a later examiner never renumbers the others.
 */
export function examinerPseudonyms(grades: readonly ClassGrade[]): Map<string, string> {
  const first = new Map<string, ClassGrade>();
  for (const g of grades) {
    const seen = first.get(g.examinerId);
    if (!seen || g.createdAt < seen.createdAt || (g.createdAt === seen.createdAt && g.id < seen.id))
      first.set(g.examinerId, g);
  }
  const ordered = [...first.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  return new Map(ordered.map((g, i) => [g.examinerId, `Examinateur ${i + 1}`]));
}
