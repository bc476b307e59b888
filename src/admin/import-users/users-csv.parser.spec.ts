import { CSV_FIELDS, MAX_CSV_ROWS, parseUsersCsv, usersCsvTemplate } from './users-csv.parser';
import { importRole, rowProblem } from './import-users.usecase';

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
    ['a missing required column', 'prenom,nom,role,numeroEtudiant', ['email']],
    ['no known column at all', 'Name;Mail perso;Group', ['prenom', 'nom', 'email']],
    ['a column named twice', 'prenom,nom,email,courriel', []],
  ])('refuses a header with %s: CSV_HEADER naming what it found and what it expected', (_label, header, missing) => {
    let error: { code?: string; message?: string; details?: { missing: string[] }[] } = {};
    try {
      parseUsersCsv(`${header}\nA,B,a@ecole.example,x\n`);
    } catch (err) {
      error = err as typeof error;
    }
    expect(error.code).toBe('CSV_HEADER');
    expect(error.details?.[0].missing).toEqual(missing);
    const firstCell = header.split(/[,;]/)[0];
    expect(error.message).toContain(`« ${firstCell} »`);
    expect(error.message).toContain('Colonnes attendues : prénom, nom et email');
  });

  it('reads a French spreadsheet export: ; with BOM and CRLF, French headers with accents, in its own order', () => {
    const parsed = parseUsersCsv(
      '\ufeffNom;Prénom;Adresse e-mail;Classe\r\nDupont;Élodie;elodie@ecole.example;2nde B\r\n',
    );
    expect(parsed.separator).toBe(';');
    expect(parsed.columns).toEqual({ nom: 'Nom', prenom: 'Prénom', email: 'Adresse e-mail', groupId: 'Classe' });
    expect(parsed.ignoredColumns).toEqual([]);
    expect(parsed.rows[0].values).toEqual({
      prenom: 'Élodie',
      nom: 'Dupont',
      email: 'elodie@ecole.example',
      role: '',
      numeroEtudiant: '',
      groupId: '2nde B',
    });
  });

  it.each([
    ['English', 'First name\tLast name\tE-mail\tProfile\tINE\tGroup'],
    ['French without accents, any case', 'PRENOM\tnom de famille\tCourriel\tRÔLE\tNuméro étudiant\tgroupe'],
    ['the API names', 'prenom\tnom\temail\trole\tnumeroEtudiant\tgroupId'],
  ])('finds a tab separator and reads %s headers', (_label, header) => {
    const parsed = parseUsersCsv(`${header}\nAda\tLovelace\tada@ecole.example\texaminateur\tN1\tG1\n`);
    expect(parsed.separator).toBe('\t');
    expect(parsed.rows[0].values).toEqual({
      prenom: 'Ada',
      nom: 'Lovelace',
      email: 'ada@ecole.example',
      role: 'examinateur',
      numeroEtudiant: 'N1',
      groupId: 'G1',
    });
  });

  it('ignores extra columns and lists them; accepts rows ending with empty cells past the header', () => {
    const parsed = parseUsersCsv('Email,Téléphone,Prénom,Nom,Remarque\na@ecole.example,0600,Ana,Bel,x,,\n');
    expect(parsed.ignoredColumns).toEqual(['Téléphone', 'Remarque']);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[0].values).toEqual(
      expect.objectContaining({ prenom: 'Ana', nom: 'Bel', email: 'a@ecole.example', role: '' }),
    );
  });

  it('gives a template that reads back as is', () => {
    const template = usersCsvTemplate();
    expect(template.startsWith('\ufeff')).toBe(true);
    expect(template.endsWith('\r\n')).toBe(true);
    const parsed = parseUsersCsv(template);
    expect(parsed.rows).toEqual([]);
    expect(Object.keys(parsed.columns).sort()).toEqual([...CSV_FIELDS].sort());
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
    ['', 'student'],
    ['Élève', 'student'],
    ['ETUDIANTE', 'student'],
    ['etudiants', 'student'],
    ['Jury', 'examiner'],
    ['examinatrice', 'examiner'],
    ['Administrateur', 'admin'],
  ])('reads the role %p as %s', (word, role) => {
    expect(importRole(word)).toBe(role);
  });
  it('refuses an admin row with its reason', () => {
    expect(rowProblem({ ...ok, role: 'administratrice' })).toBe(
      'rôle admin refusé : les administrateurs sont créés un par un',
    );
  });
  it.each([
    [{ prenom: '' }, 'prénom manquant'],
    [{ nom: '' }, 'nom manquant'],
    [{ email: '' }, 'email manquant'],
    [{ email: 'pas-un-email' }, 'email invalide : pas-un-email'],
    [{ role: 'pirate' }, 'rôle inconnu : pirate (élève, examinateur ou vide)'],
  ])('rejects %p with its reason', (override, reason) => {
    expect(rowProblem({ ...ok, ...override })).toBe(reason);
  });
});
