import { Options, parse } from 'csv-parse/sync';
import { AppError } from '../../../libs/http';

/** The fields an import reads; only the first three are required. */
export const CSV_FIELDS = ['prenom', 'nom', 'email', 'role', 'numeroEtudiant', 'groupId'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export const REQUIRED_FIELDS: readonly CsvField[] = ['prenom', 'nom', 'email'];
export const MAX_CSV_ROWS = 5000;

/**
 * The header words a spreadsheet may use for each field, French and English. They are compared
 * without case, accents, spaces or punctuation (`headerKey`): "Adresse e-mail", "ADRESSE EMAIL"
 * and "adresse_email" are one word. The first one of each list is the field's French name in
 * messages.
 */
export const HEADER_SYNONYMS: Record<CsvField, readonly string[]> = {
  prenom: ['prénom', 'prenom', 'prénoms', 'first name', 'firstname', 'given name'],
  nom: ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'family name'],
  email: [
    'email',
    'e-mail',
    'courriel',
    'adresse e-mail',
    'adresse mail',
    'adresse électronique',
    'mail',
    'email address',
  ],
  role: ['rôle', 'role', 'profil', 'profile'],
  numeroEtudiant: ['numéro étudiant', 'numeroEtudiant', 'numéro d’étudiant', 'n° étudiant', 'INE', 'student number'],
  groupId: ['groupe', 'groupId', 'classe', 'group', 'class'],
};

/** A header cell as compared: no accents, no case, letters and digits only. */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const FIELD_OF_KEY = new Map<string, CsvField>(
  CSV_FIELDS.flatMap((field) => HEADER_SYNONYMS[field].map((word) => [headerKey(word), field] as const)),
);

export type CsvSeparator = ',' | ';' | '\t';
const SEPARATORS: readonly CsvSeparator[] = [';', '\t', ','];

export interface CsvRow {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  /** Every field; '' for an optional column the file does not have. */
  values: Record<CsvField, string>;
}

export interface CsvRowProblem {
  line: number;
  reason: string;
}

export interface ParsedUsersCsv {
  rows: CsvRow[];
  /** Records that could not even be read as rows (wrong number of columns). */
  problems: CsvRowProblem[];
  separator: CsvSeparator;
  /** The header cell each field was read from, as written in the file. */
  columns: Partial<Record<CsvField, string>>;
  /** Header cells that name no field: their values are not read. */
  ignoredColumns: string[];
}

const quoted = (cells: string[]) => cells.map((c) => `« ${c.slice(0, 60)} »`).join(', ');
const fieldWords = (field: CsvField) => HEADER_SYNONYMS[field].slice(0, 4).join(', ');
const EXPECTED =
  'Colonnes attendues : prénom, nom et email (obligatoires), rôle, numéro étudiant et groupe (facultatifs), ' +
  'séparées par des points-virgules, des virgules ou des tabulations.';

/** The file as a whole is refused: nothing is imported. */
export const CsvErrors = {
  empty: () => new AppError(422, 'CSV_EMPTY', 'Fichier CSV vide'),
  binary: () => new AppError(422, 'CSV_NOT_TEXT', "Le fichier n'est pas un texte UTF-8 (fichier binaire ?)"),
  /** What the header holds, what is missing or doubled, and what is expected. */
  header: (found: string[], missing: CsvField[], doubled: [CsvField, string[]][]) => {
    const problems = [
      ...(missing.length
        ? [`il manque ${missing.map((f) => `${HEADER_SYNONYMS[f][0]} (${fieldWords(f)})`).join(', ')}`]
        : []),
      ...doubled.map(([f, cells]) => `plusieurs colonnes pour ${HEADER_SYNONYMS[f][0]} : ${quoted(cells)}`),
    ];
    return new AppError(
      422,
      'CSV_HEADER',
      `En-tête illisible (ligne 1) : colonnes trouvées ${found.length ? quoted(found.slice(0, 20)) : '(aucune)'} ; ` +
        `${problems.join(' ; ')}. ${EXPECTED}`,
      [{ found: found.slice(0, 50), missing, doubled: doubled.map(([field, cells]) => ({ field, cells })) }],
    );
  },
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
function records(text: string, sep: CsvSeparator): RawRecord[] {
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
  // Blank lines (and lines of empty cells, as spreadsheets write them) are not records.
  return out.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

/** The separator the header line uses most (outside quotes); `,` for a one-column header. */
export function separatorOf(headerLine: string): CsvSeparator {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const counts = SEPARATORS.map((s) => unquoted.split(s).length - 1);
  const best = Math.max(...counts);
  return best === 0 ? ',' : SEPARATORS[counts.indexOf(best)];
}

/** Which column holds which field; the file is refused when a required field is missing or one is doubled. */
function readHeader(cells: string[]): Pick<ParsedUsersCsv, 'columns' | 'ignoredColumns'> & { index: number[] } {
  const found = cells.map((c) => c.trim());
  const positions = new Map<CsvField, number[]>();
  const ignoredColumns: string[] = [];
  found.forEach((cell, i) => {
    const field = FIELD_OF_KEY.get(headerKey(cell));
    if (field) positions.set(field, [...(positions.get(field) ?? []), i]);
    else if (cell !== '') ignoredColumns.push(cell);
  });
  const missing = REQUIRED_FIELDS.filter((f) => !positions.has(f));
  const doubled = [...positions]
    .filter(([, at]) => at.length > 1)
    .map(([f, at]) => [f, at.map((i) => found[i])] as [CsvField, string[]]);
  if (missing.length || doubled.length) throw CsvErrors.header(found.filter(Boolean), missing, doubled);
  return {
    columns: Object.fromEntries([...positions].map(([f, [i]]) => [f, found[i]])),
    ignoredColumns,
    index: CSV_FIELDS.map((f) => positions.get(f)?.[0] ?? -1),
  };
}

/**
 * Parses the users CSV of `import-users` as spreadsheets export it: UTF-8 with or without BOM,
 * CRLF or LF, `;`, `,` or tab (the one the header line uses), headers in French or English in
 * any case, with or without accents (HEADER_SYNONYMS), columns in any order, extra columns
 * ignored (and listed), at most 5,000 data rows. Only prénom, nom and email are required. A
 * file that cannot be imported as a whole throws a `CsvErrors` AppError; a bad record is a
 * problem with its line number.
 */
export function parseUsersCsv(input: string): ParsedUsersCsv {
  // The BOM is dropped here rather than by csv-parse: the checks below look at the text.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // Control bytes are what a binary file shows (tab, LF and CR excepted: separators and line ends).
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what a binary file shows
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/.test(text)) throw CsvErrors.binary();
  if (text.trim() === '') throw CsvErrors.empty();
  const firstLine = text.replace(/^(\s*\r?\n)+/, '').split(/\r?\n|\r/, 1)[0];
  const separator = separatorOf(firstLine);
  const [header, ...data] = records(text, separator);
  const { columns, ignoredColumns, index } = readHeader(header.fields);
  if (data.length > MAX_CSV_ROWS) throw CsvErrors.tooManyRows(data.length);
  const width = header.fields.length;
  const rows: CsvRow[] = [];
  const problems: CsvRowProblem[] = [];
  for (const r of data) {
    // Spreadsheets may end a row with empty cells past the header's last column: not an error.
    const fields = [...r.fields];
    while (fields.length > width && fields[fields.length - 1] === '') fields.pop();
    if (fields.length !== width) {
      problems.push({ line: r.line, reason: `nombre de colonnes incorrect : ${fields.length} au lieu de ${width}` });
      continue;
    }
    const values = Object.fromEntries(
      CSV_FIELDS.map((f, i) => [f, index[i] < 0 ? '' : fields[index[i]].trim()]),
    ) as Record<CsvField, string>;
    rows.push({ line: r.line, values });
  }
  return { rows, problems, separator, columns, ignoredColumns };
}

/** The template of `GET /admin/import-users/modele.csv`: what a French spreadsheet opens and writes back. */
export function usersCsvTemplate(): string {
  const header = ['Prénom', 'Nom', 'Adresse e-mail', 'Rôle', 'Numéro étudiant', 'Classe'];
  // BOM and `;`: Excel in French reads this as UTF-8 in separate columns (see results-csv.ts).
  return `\ufeff${header.join(';')}\r\n`;
}
