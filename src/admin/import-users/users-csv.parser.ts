import { Options, parse } from 'csv-parse/sync';
import { AppError } from '../../../libs/http';

export const CSV_COLUMNS = ['prenom', 'nom', 'email', 'role', 'numeroEtudiant', 'groupId'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const MAX_CSV_ROWS = 5000;

export interface CsvRow {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  values: Record<CsvColumn, string>;
}

export interface CsvRowProblem {
  line: number;
  reason: string;
}

export interface ParsedUsersCsv {
  rows: CsvRow[];
  /** Records that could not even be read as rows (wrong number of columns). */
  problems: CsvRowProblem[];
  separator: ',' | ';';
}

/** The file as a whole is refused: nothing is imported. */
export const CsvErrors = {
  empty: () => new AppError(422, 'CSV_EMPTY', 'Fichier CSV vide'),
  binary: () => new AppError(422, 'CSV_NOT_TEXT', "Le fichier n'est pas un texte UTF-8 (fichier binaire ?)"),
  badHeader: (found: string) =>
    new AppError(
      422,
      'CSV_BAD_HEADER',
      `En-tête invalide (ligne 1) : attendu ${CSV_COLUMNS.join(',')}, reçu ${found.slice(0, 200)}`,
    ),
  tooManyRows: (count: number) =>
    new AppError(
      422,
      'CSV_TOO_MANY_ROWS',
      `Trop de lignes : ${count} (${MAX_CSV_ROWS} au maximum), rien n'a été importé`,
    ),
  inputMissing: () => new AppError(422, 'CSV_MISSING', 'Fichier CSV introuvable (déjà importé ou supprimé)'),
  unclosedQuote: (line: number) =>
    new AppError(422, 'CSV_UNCLOSED_QUOTE', `Guillemet non fermé à partir de la ligne ${line}`),
};

interface RawRecord {
  line: number;
  fields: string[];
}

interface ParsedRow {
  info: { lines: number };
  record: string[];
}

/**
 * RFC 4180 records (csv-parse): quoted fields may hold separators, `""` and line breaks; each
 * record keeps the line it starts on (csv-parse counts the line it ends on, so the start is the
 * line after the previous record's end — blank lines are records here, then dropped).
 */
function records(text: string, sep: string): RawRecord[] {
  let lastEnd = 0;
  const options: Options = {
    delimiter: sep,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    trim: true,
    info: true,
    // With `info`, each record comes as {info, record}; remember where the last one ended.
    on_record: (row: unknown) => {
      lastEnd = (row as ParsedRow).info.lines;
      return row as string[];
    },
  };
  let rows: ParsedRow[];
  try {
    rows = parse(text, options) as unknown as ParsedRow[];
  } catch (err) {
    if ((err as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED') throw CsvErrors.unclosedQuote(lastEnd + 1);
    throw err;
  }
  const out: RawRecord[] = [];
  let previousEnd = 0;
  for (const { info, record } of rows) {
    out.push({ line: previousEnd + 1, fields: record });
    previousEnd = info.lines;
  }
  // Blank lines are not records.
  return out.filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ''));
}

/**
 * Parses the users CSV of `import-users`: UTF-8 with or without BOM, `,` or `;` (taken from
 * the header line), header `prenom,nom,email,role,numeroEtudiant,groupId` (any case, any
 * order), at most 5,000 data rows. A file that cannot be imported as a whole throws a
 * `CsvErrors` AppError; a bad record is a problem with its line number.
 */
export function parseUsersCsv(input: string): ParsedUsersCsv {
  // The BOM is dropped here rather than by csv-parse: the checks below look at the text.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what a binary file shows
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) throw CsvErrors.binary();
  if (text.trim() === '') throw CsvErrors.empty();
  const firstLine = text.split(/\r?\n|\r/, 1)[0];
  const separator: ',' | ';' = firstLine.includes(';') ? ';' : ',';
  const all = records(text, separator);
  const [header, ...data] = all;
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const expected = CSV_COLUMNS.map((c) => c.toLowerCase());
  if (
    header.line !== 1 ||
    names.length !== expected.length ||
    !expected.every((c) => names.includes(c)) ||
    new Set(names).size !== names.length
  ) {
    throw CsvErrors.badHeader(firstLine);
  }
  if (data.length > MAX_CSV_ROWS) throw CsvErrors.tooManyRows(data.length);
  const index = CSV_COLUMNS.map((c) => names.indexOf(c.toLowerCase()));
  const rows: CsvRow[] = [];
  const problems: CsvRowProblem[] = [];
  for (const r of data) {
    if (r.fields.length !== CSV_COLUMNS.length) {
      problems.push({
        line: r.line,
        reason: `nombre de colonnes incorrect : ${r.fields.length} au lieu de ${CSV_COLUMNS.length}`,
      });
      continue;
    }
    const values = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r.fields[index[i]].trim()])) as Record<
      CsvColumn,
      string
    >;
    rows.push({ line: r.line, values });
  }
  return { rows, problems, separator };
}
