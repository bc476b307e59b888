import type { RankedSubmission } from '../../evaluation';
import { CsvCell, frenchDecimal, spreadsheetCsv } from '../spreadsheet-csv';

/**
 * The results file, a gradebook: one row per student of the class and task (`soumis` oui/non),
 * a student with a final version of the task carrying its grades, comments and leaderboard rank.
 * Written for a French spreadsheet (spreadsheet-csv.ts: `;`, BOM, CRLF, decimal comma, formulas
 * made inert).
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
  'soumis',
  'soumisLe',
  'nombreNotes',
  'notes',
  'moyenne',
  'mention',
  'noteEquitable',
  'divergent',
  'commentaires',
] as const;

export type ResultsCell = CsvCell;

export function toCsv(rows: ResultsCell[][]): string {
  return spreadsheetCsv([[...RESULTS_HEADER], ...rows]);
}

/** A student of the class as the file names them (null fields for a deleted account). */
export interface GradebookStudent {
  id: string;
  prenom: string | null;
  nom: string | null;
  email: string | null;
  numeroEtudiant: string | null;
  groupId: string | null;
  /** "Candidat N": always with `pseudonymes`, else only for students who submitted. */
  candidat: string | null;
}

/** One row: a student, a task, and the final version of it when there is one. */
export interface GradebookLine {
  student: GradebookStudent;
  tacheId: string;
  tache: string | null;
  submission: RankedSubmission | null;
  comments: string[];
}

/** One line as a row. `pseudonymes` keeps the pseudonym only, no identity. */
export function resultRow(line: GradebookLine, pseudonymes: boolean, hackathon: string): ResultsCell[] {
  const s = line.submission;
  const who = pseudonymes ? null : line.student;
  return [
    hackathon,
    s?.rank,
    s?.candidat ?? line.student.candidat,
    who?.id,
    who?.prenom,
    who?.nom,
    who?.email,
    who?.numeroEtudiant,
    // The group the conversation was made in, else the student's own.
    pseudonymes ? null : ((s && s.anonymous === false ? s.groupId : null) ?? who?.groupId),
    s?.conversationId,
    line.tacheId,
    line.tache,
    s !== null,
    s?.soumisLe,
    s?.gradeCount,
    s?.notes.map(frenchDecimal).join(' | '),
    s?.meanNote,
    s?.label,
    s?.fairNote,
    s ? s.divergent : null,
    line.comments.join(' | '),
  ];
}
