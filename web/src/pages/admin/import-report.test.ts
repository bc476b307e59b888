import { describe, expect, it } from 'vitest';
import { asImportReport, importSummary } from './import-report';

describe('CSV import report', () => {
  it('reads a job result and sums it up in French', () => {
    const report = asImportReport({
      rows: 4,
      created: 2,
      skippedExisting: 1,
      invitationsSent: 2,
      rejected: [{ line: 4, email: 'x', reason: 'email invalide : x' }],
      existingSample: ['deja@ecole.example'],
      roster: { hackathonId: 'h', added: 3, size: 3 },
    });
    expect(report).not.toBeNull();
    expect(importSummary(report!)).toEqual([
      '4 lignes lues.',
      '2 comptes créés, 2 invitations envoyées.',
      '1 ligne ignorée (compte existant).',
      '1 ligne refusée.',
      '3 étudiants ajoutés à la liste du hackathon, qui en compte 3.',
    ]);
  });

  it('lists the columns the import ignored, when the server says them (API 1.2)', () => {
    const report = asImportReport({ rows: 1, created: 1, rejected: [], ignoredColumns: ['Classe', 'Remarque'] });
    expect(importSummary(report!).at(-1)).toBe('2 colonnes ignorées : « Classe », « Remarque ».');
    expect(asImportReport({ rows: 1 })?.ignoredColumns).toEqual([]);
  });

  it('has no report without a result', () => {
    expect(asImportReport(null)).toBeNull();
    expect(asImportReport({ other: 1 })).toBeNull();
  });
});
