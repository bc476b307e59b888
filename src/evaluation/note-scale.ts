/**
 * docs/data-model.md §6.2–6.3: notes from 1 to 10 by half points, each shown with the label of its integer
 * part (7.5 → "Bien"), and a comment of at least 10 characters.
 */
export const NOTE_MIN = 1;
export const NOTE_MAX = 10;
export const NOTE_STEP = 0.5;
export const COMMENT_MIN_CHARS = 10;
export const COMMENT_MAX_CHARS = 5000;

export const ECHELLE_NOTATION: Readonly<Record<number, string>> = {
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

/** The seed's wording (6.3), plus one for the half-point step the seed states in 6.2. */
export const NOTE_MESSAGES = {
  min: 'La note doit être au minimum de 1',
  max: 'La note doit être au maximum de 10',
  step: 'La note doit être un multiple de 0,5 (demi-points)',
  type: 'La note doit être un nombre',
  comment: 'Le commentaire doit contenir au moins 10 caractères',
  commentTooLong: 'Le commentaire doit contenir au plus 5000 caractères',
} as const;

export function isHalfPoint(note: number): boolean {
  return Number.isFinite(note) && Number.isInteger(note * 2);
}

export function isValidNote(note: unknown): note is number {
  return typeof note === 'number' && isHalfPoint(note) && note >= NOTE_MIN && note <= NOTE_MAX;
}

/** The label of the scale for a note, rounded down to its integer (7.5 → "Bien"). */
export function labelOf(note: number): string {
  const step = Math.min(NOTE_MAX, Math.max(NOTE_MIN, Math.floor(note)));
  return ECHELLE_NOTATION[step];
}

/**
 * How long a comment is, for the 10-character rule: characters other than white space.
 * Trimming alone would let "  trop court " (10 characters once trimmed, 9 letters) through,
 * which the issue refuses; spaces pad, they do not say anything.
 */
export function meaningfulLength(comment: string): number {
  return comment.replace(/\s+/gu, '').length;
}

export function isValidComment(comment: unknown): comment is string {
  return (
    typeof comment === 'string' &&
    meaningfulLength(comment) >= COMMENT_MIN_CHARS &&
    comment.trim().length <= COMMENT_MAX_CHARS
  );
}
