import { MAX_CSV_ROWS, parseUsersCsv } from './users-csv.parser';
import { rowProblem } from './import-users.usecase';

const HEADER = 'prenom,nom,email,role,numeroEtudiant,groupId';

describe('parseUsersCsv', () => {
  it('reads a comma-separated file with line numbers (header is line 1)', () => {
    const parsed = parseUsersCsv(
      `${HEADER}\nMarie,Curie,marie@ecole.example,student,E1,G1\nPierre,Curie,pierre@ecole.example,examiner,,\n`,
    );
    expect(parsed.separator).toBe(',');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        values: {
          prenom: 'Marie',
          nom: 'Curie',
          email: 'marie@ecole.example',
          role: 'student',
          numeroEtudiant: 'E1',
          groupId: 'G1',
        },
      },
      {
        line: 3,
        values: {
          prenom: 'Pierre',
          nom: 'Curie',
          email: 'pierre@ecole.example',
          role: 'examiner',
          numeroEtudiant: '',
          groupId: '',
        },
      },
    ]);
  });

  it('reads a semicolon-separated file with a BOM and CRLF line ends', () => {
    const parsed = parseUsersCsv(
      `\ufeffprenom;nom;email;role;numeroEtudiant;groupId\r\nÉlodie;Dupont, fille;elodie@ecole.example;etudiant;E2;G2\r\n`,
    );
    expect(parsed.separator).toBe(';');
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0].values).toEqual({
      prenom: 'Élodie',
      nom: 'Dupont, fille',
      email: 'elodie@ecole.example',
      role: 'etudiant',
      numeroEtudiant: 'E2',
      groupId: 'G2',
    });
  });

  it('accepts the header in any case and any column order', () => {
    const parsed = parseUsersCsv(
      'EMAIL,Prenom,NOM,groupid,role,numeroetudiant\na@ecole.example,Ada,Lovelace,G,admin,N\n',
    );
    expect(parsed.rows[0].values).toEqual({
      prenom: 'Ada',
      nom: 'Lovelace',
      email: 'a@ecole.example',
      role: 'admin',
      numeroEtudiant: 'N',
      groupId: 'G',
    });
  });

  it('handles quoted fields with separators, doubled quotes and line breaks, keeping line numbers right', () => {
    const csv = `${HEADER}\n"Jean, dit ""Jeannot""",Martin,jean@ecole.example,student,,\n"Anne\nMarie",Durand,anne@ecole.example,student,,\nLéa,Petit,lea@ecole.example,student,,\n`;
    const parsed = parseUsersCsv(csv);
    expect(parsed.rows.map((r) => [r.line, r.values.prenom])).toEqual([
      [2, 'Jean, dit "Jeannot"'],
      [3, 'Anne\nMarie'],
      [5, 'Léa'],
    ]);
  });

  it('skips blank lines but counts them in line numbers', () => {
    const parsed = parseUsersCsv(`${HEADER}\n\nA,B,a@ecole.example,student,,\n   \nC,D,c@ecole.example,student,,`);
    expect(parsed.rows.map((r) => r.line)).toEqual([3, 5]);
  });

  it('reports a record with the wrong number of columns with its line', () => {
    const parsed = parseUsersCsv(`${HEADER}\nA,B,a@ecole.example,student,,\nC,D,c@ecole.example\n`);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.problems).toEqual([{ line: 3, reason: 'nombre de colonnes incorrect : 3 au lieu de 6' }]);
  });

  it.each([
    ['a missing column', 'prenom,nom,email,role,numeroEtudiant'],
    ['an unknown column', 'prenom,nom,mail,role,numeroEtudiant,groupId'],
    ['a repeated column', 'prenom,nom,email,role,email,groupId'],
  ])('refuses a header with %s: CSV_BAD_HEADER', (_label, header) => {
    expect(() => parseUsersCsv(`${header}\nA,B,a@ecole.example,student,,\n`)).toThrow(
      expect.objectContaining({ code: 'CSV_BAD_HEADER' }),
    );
  });

  it('refuses an empty file, a binary file and an unclosed quote', () => {
    expect(() => parseUsersCsv('\ufeff  \n')).toThrow(expect.objectContaining({ code: 'CSV_EMPTY' }));
    expect(() => parseUsersCsv('PK\u0003\u0004\u0000\u0000binary')).toThrow(
      expect.objectContaining({ code: 'CSV_NOT_TEXT' }),
    );
    expect(() => parseUsersCsv(`${HEADER}\nA,B,a@ecole.example,student,,\n"C,D,c@ecole.example,student,,\n`)).toThrow(
      expect.objectContaining({ code: 'CSV_UNCLOSED_QUOTE', message: expect.stringContaining('ligne 3') }),
    );
  });

  it(`takes ${MAX_CSV_ROWS} rows and refuses one more`, () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => `P${i},N${i},u${i}@ecole.example,student,,`).join('\n');
    expect(parseUsersCsv(`${HEADER}\n${rows(MAX_CSV_ROWS)}`).rows).toHaveLength(MAX_CSV_ROWS);
    expect(() => parseUsersCsv(`${HEADER}\n${rows(MAX_CSV_ROWS + 1)}`)).toThrow(
      expect.objectContaining({ code: 'CSV_TOO_MANY_ROWS' }),
    );
  });
});

describe('rowProblem', () => {
  const ok = { prenom: 'A', nom: 'B', email: 'a@ecole.example', role: 'student', numeroEtudiant: '', groupId: '' };
  it('accepts a good row, an empty role and role aliases', () => {
    expect(rowProblem(ok)).toBeNull();
    expect(rowProblem({ ...ok, role: '' })).toBeNull();
    expect(rowProblem({ ...ok, role: 'Examinateur' })).toBeNull();
  });
  it.each([
    [{ prenom: '' }, 'prénom manquant'],
    [{ nom: '' }, 'nom manquant'],
    [{ email: '' }, 'email manquant'],
    [{ email: 'pas-un-email' }, 'email invalide : pas-un-email'],
    [{ role: 'pirate' }, 'rôle inconnu : pirate'],
  ])('rejects %p with its reason', (override, reason) => {
    expect(rowProblem({ ...ok, ...override })).toBe(reason);
  });
});
