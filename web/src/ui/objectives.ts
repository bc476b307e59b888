/** A list marker a teacher types at the start of a line: "-", "*", "•", "–", "1.", "2)". */
const MARKER = /^(?:[-*•–]|\d{1,2}[.)])\s+/;

/**
 * A hackathon's objectives as written in its form: one per line (with or without a list marker)
 * become the items of a list; a single line stays a sentence. Empty lines are dropped.
 */
export function objectiveItems(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim().replace(MARKER, '').trim())
    .filter((l) => l !== '');
}
