/**
 * The results file: `;`-separated, UTF-8 with a BOM, CRLF line ends, one header row
 * (what a French spreadsheet opens as is). Decimals use a comma. A cell that a spreadsheet
 * would read as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'`.
 */
export const BOM = '\uFEFF';
export const SEPARATOR = ';';

export const RESULTS_HEADER = [
  'rang',
  'candidat',
  'etudiantId',
  'prenom',
  'nom',
  'email',
  'numeroEtudiant',
  'groupId',
  'conversationId',
  'tacheId',
  'soumisLe',
  'nombreNotes',
  'notes',
  'moyenne',
  'mention',
  'noteEquitable',
  'divergent',
] as const;

export type ResultsCell = string | number | boolean | null | undefined;

const decimal = (n: number) => String(n).replace('.', ',');

export function csvCell(value: ResultsCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return decimal(value);
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: ResultsCell[][]): string {
  return (
    BOM +
    [RESULTS_HEADER as readonly ResultsCell[], ...rows].map((r) => r.map(csvCell).join(SEPARATOR)).join('\r\n') +
    '\r\n'
  );
}

/** A leaderboard item (see evaluation's leaderboard) as one row. `hideIdentity` keeps the pseudonym only. */
export function resultRow(item: any, hideIdentity: boolean): ResultsCell[] {
  const named = !hideIdentity && item.anonymous === false;
  const student = named ? item.student : null;
  return [
    item.rank,
    item.candidat,
    named ? item.studentId : null,
    student?.prenom,
    student?.nom,
    student?.email,
    student?.numeroEtudiant,
    named ? item.groupId : null,
    item.conversationId,
    item.tacheId,
    item.soumisLe,
    item.gradeCount,
    (item.notes as number[]).map(decimal).join(' | '),
    item.meanNote,
    item.label,
    item.fairNote,
    item.divergent,
  ];
}
