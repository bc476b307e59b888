/**
 * Numbers as French readers write them: decimal comma, narrow no-break space (U+202F) between
 * thousands — what Intl.NumberFormat('fr-FR') gives. One formatter per use, built once.
 */
const INTEGER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const NOTE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A count or an amount: "12 000" (narrow no-break space), "—" when unknown. */
export function formatNumber(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? INTEGER.format(n) : '—';
}

/** A note or a mean: "7,5", "8", "6,33"; "—" when there is none. */
export function formatNote(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? NOTE.format(n) : '—';
}

/** Several notes in one cell: "7,5 ; 8" (a comma would read as a decimal comma). */
export function formatNotes(notes: readonly number[]): string {
  return notes.map(formatNote).join(' ; ');
}

/** "1 élève", "12 élèves", "1 200 élèves": the count and the word that agrees with it. */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${Math.abs(n) >= 2 ? many : one}`;
}
