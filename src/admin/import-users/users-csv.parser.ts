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
  unclosedQuote: (line: number) =>
    new AppError(422, 'CSV_UNCLOSED_QUOTE', `Guillemet non fermé à partir de la ligne ${line}`),
};

interface RawRecord {
  line: number;
  fields: string[];
}

/** RFC 4180 records: quoted fields may hold separators, `""` and line breaks. */
function records(text: string, sep: string): RawRecord[] {
  const out: RawRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === sep) {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      fields.push(field);
      out.push({ line: start, fields });
      fields = [];
      field = '';
      fieldStarted = false;
      line++;
      start = line;
    } else {
      field += ch;
      if (ch !== ' ' && ch !== '\t') fieldStarted = true;
    }
  }
  if (quoted) throw CsvErrors.unclosedQuote(start);
  if (field !== '' || fields.length) {
    fields.push(field);
    out.push({ line: start, fields });
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
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
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
