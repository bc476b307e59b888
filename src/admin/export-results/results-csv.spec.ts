import { parse } from 'csv-parse/sync';
import { RESULTS_HEADER, toCsv } from './results-csv';

describe('results CSV', () => {
  it('keeps the BOM, the ; separator, CRLF line ends, commas for decimals and oui/non', () => {
    const csv = toCsv([[1, 'Candidat 1', null, undefined, 'Dupont; "Jean"', 7.5, true, false]]);
    expect(csv).toBe(`\uFEFF${RESULTS_HEADER.join(';')}\r\n1;Candidat 1;;;"Dupont; ""Jean""";7,5;oui;non\r\n`);
  });

  it.each([
    ['=HYPERLINK("https://evil.example";"clic")'],
    ['+1+1'],
    ['-2+3'],
    ['@SUM(A1:A9)'],
    ['\t=1+1'],
    ['\r=1+1'],
    ['＝1+1'],
  ])('makes %j inert: a spreadsheet reads it as text', (typed) => {
    const csv = toCsv([[typed]]);
    const [, [cell]] = parse(csv, { bom: true, delimiter: ';', relax_column_count: true }) as string[][];
    expect(cell).toBe(`'${typed}`);
  });

  it('leaves numbers, negative ones included, as numbers', () => {
    const [, row] = parse(toCsv([[-1.5, 0, 10]]), {
      bom: true,
      delimiter: ';',
      relax_column_count: true,
    }) as string[][];
    expect(row).toEqual(['-1,5', '0', '10']);
  });
});
