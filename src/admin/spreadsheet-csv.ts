import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined;

const decimal = (n: number) => String(n).replace('.', ',');

/**
 * Rows of a CSV written for a spreadsheet in French (the admin's exports), as csv-stringify writes it:
 * - `;` between cells: French Excel and LibreOffice split on the list separator of the French
 *   locale, which is `;` (the comma is the decimal separator there); a `,` file opens as one column;
 * - a UTF-8 BOM first: without it Excel reads the file as Windows-1252 and garbles every accent;
 * - CRLF line ends (RFC 4180, what Excel writes), decimals with a comma (`7,5`), booleans `oui`/`non`;
 * - RFC 4180 quoting (a cell holding `;`, `"` or a line break is quoted) and csv-stringify's
 *   formula escaping: a text cell starting with `=`, `+`, `-`, `@`, tab or CR (or their full-width
 *   forms) is prefixed with `'`, so a spreadsheet shows what a student typed instead of running it.
 * `withBom: false` writes a later piece of the same file (the BOM opens the file only).
 */
export function spreadsheetCsv(rows: CsvCell[][], { withBom = true } = {}): string {
  return stringify(rows, {
    bom: withBom,
    delimiter: ';',
    record_delimiter: '\r\n',
    escape_formulas: true,
    cast: { boolean: (b) => (b ? 'oui' : 'non'), number: decimal },
  });
}

export { decimal as frenchDecimal };
