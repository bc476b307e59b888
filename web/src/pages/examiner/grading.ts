/**
 * The grading scale, a copy of src/evaluation/note-scale.ts (src/web-client-copies.spec.ts keeps them
 * the same; the client imports no server code): notes from 1 to 10 by half points, each
 * shown with the word of its integer part (7.5 → "Bien"); a comment of at least 10 characters
 * not counting white space, as the API checks it.
 */
export const NOTE_MIN = 1;
export const NOTE_MAX = 10;
export const COMMENT_MIN = 10;
export const COMMENT_MAX = 5000;

export const SCALE: Readonly<Record<number, string>> = {
  1: 'Très insuffisant',
  2: 'Insuffisant',
  3: 'Médiocre',
  4: 'Passable',
  5: 'Moyen',
  6: 'Correct',
  7: 'Bien',
  8: 'Très bien',
  9: 'Excellent',
  10: 'Exceptionnel',
};

/** Every note the form offers: 1, 1.5, …, 10. */
export const NOTES: number[] = Array.from({ length: (NOTE_MAX - NOTE_MIN) * 2 + 1 }, (_, i) => NOTE_MIN + i / 2);

/** The scale's word for a note, rounded down to its integer. */
export function labelOf(note: number): string {
  return SCALE[Math.min(NOTE_MAX, Math.max(NOTE_MIN, Math.floor(note)))];
}

/** A note in French: "7,5". */
export function formatNote(note: number): string {
  return note.toLocaleString('fr-FR', { maximumFractionDigits: 2 });
}

/** What is wrong with a note, in French, or null. */
export function noteProblem(note: number | null): string | null {
  if (note === null || !Number.isFinite(note)) return 'Choisissez une note.';
  if (note < NOTE_MIN || note > NOTE_MAX) return 'La note doit être comprise entre 1 et 10.';
  if (!Number.isInteger(note * 2)) return 'La note doit être un multiple de 0,5 (demi-points).';
  return null;
}

/** Characters that say something: white space does not count. */
export function meaningfulLength(comment: string): number {
  return comment.replace(/\s+/gu, '').length;
}

/** What is wrong with a comment, in French, or null. */
export function commentProblem(comment: string): string | null {
  if (meaningfulLength(comment) < COMMENT_MIN)
    return `Le commentaire doit contenir au moins ${COMMENT_MIN} caractères (espaces non comptés).`;
  if (comment.trim().length > COMMENT_MAX) return `Le commentaire doit contenir au plus ${COMMENT_MAX} caractères.`;
  return null;
}
