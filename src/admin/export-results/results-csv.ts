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
  'hackathon',
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
  'tache',
  'soumisLe',
  'nombreNotes',
  'notes',
  'moyenne',
  'mention',
  'noteEquitable',
  'divergent',
  'commentaires',
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

/** What a row adds to the ranked submission: the hackathon's name, the task's title, the examiners' comments. */
export interface RowContext {
  hackathon: string;
  tache: string | null;
  comments: string[];
}

/** One ranked submission as a row. `pseudonymes` keeps the pseudonym only, no identity. */
export function resultRow(item: RankedSubmission, pseudonymes: boolean, ctx: RowContext): ResultsCell[] {
  const named = !pseudonymes && item.anonymous === false ? item : null;
  const student = named?.student ?? null;
  return [
    ctx.hackathon,
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
    ctx.tache,
    item.soumisLe,
    item.gradeCount,
    item.notes.map(decimal).join(' | '),
    item.meanNote,
    item.label,
    item.fairNote,
    item.divergent,
    ctx.comments.join(' | '),
  ];
}
