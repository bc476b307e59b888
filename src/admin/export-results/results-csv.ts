import { stringify } from 'csv-stringify/sync';
import type { RankedSubmission } from '../../evaluation';

/**
 * The results file: `;`-separated, UTF-8 with a BOM, CRLF line ends, one header row (what a
 * French spreadsheet opens as is). Decimals use a comma; booleans read `oui`/`non`. Quoting
 * (RFC 4180) and formula escaping are csv-stringify's: a text cell starting with `=`, `+`,
 * `-`, `@`, tab or CR (or their full-width forms) is prefixed with `'`, so Excel and
 * LibreOffice show it instead of evaluating it.
 */
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

export function toCsv(rows: ResultsCell[][]): string {
  return stringify([[...RESULTS_HEADER], ...rows], {
    bom: true,
    delimiter: ';',
    record_delimiter: '\r\n',
    escape_formulas: true,
    cast: { boolean: (b) => (b ? 'oui' : 'non'), number: decimal },
  });
}

/** One ranked submission as a row. `hideIdentity` keeps the pseudonym only. */
export function resultRow(item: RankedSubmission, hideIdentity: boolean): ResultsCell[] {
  const named = !hideIdentity && item.anonymous === false ? item : null;
  const student = named?.student ?? null;
  return [
    item.rank,
    item.candidat,
    named?.studentId,
    student?.prenom,
    student?.nom,
    student?.email,
    student?.numeroEtudiant,
    named?.groupId,
    item.conversationId,
    item.tacheId,
    item.soumisLe,
    item.gradeCount,
    item.notes.map(decimal).join(' | '),
    item.meanNote,
    item.label,
    item.fairNote,
    item.divergent,
  ];
}
