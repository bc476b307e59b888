import { describe, expect, it } from 'vitest';
import { IRREVERSIBLE, STATUS_TRANSITIONS, allowedTransitions, statusBadge } from './status';

describe('status transitions (copy of src/hackathon/hackathon-status.ts)', () => {
  it('offers from each status only the moves of the server’s table, with French labels', () => {
    const moves = (from: Parameters<typeof allowedTransitions>[0]) =>
      allowedTransitions(from).map(({ to, label }) => ({ to, label }));
    expect(moves('Brouillon')).toEqual([
      { to: 'En cours', label: 'Ouvrir aux étudiants' },
      { to: 'Test', label: 'Passer en test' },
    ]);
    expect(moves('Test')).toEqual([
      { to: 'En cours', label: 'Ouvrir aux étudiants' },
      { to: 'Brouillon', label: 'Repasser en brouillon' },
    ]);
    expect(moves('En cours')).toEqual([{ to: 'Terminé', label: 'Terminer le hackathon' }]);
    expect(moves('Terminé')).toEqual([{ to: 'Archivé', label: 'Archiver' }]);
    expect(moves('Archivé')).toEqual([]);
  });

  it('explains each move in one sentence, and asks before the ones that cannot be undone', () => {
    for (const t of [
      ...allowedTransitions('Brouillon'),
      ...allowedTransitions('Test'),
      ...allowedTransitions('En cours'),
    ])
      expect(t.hint.startsWith(`${t.label} : `)).toBe(true);
    expect([...IRREVERSIBLE].sort()).toEqual(['Archivé', 'En cours', 'Terminé']);
  });

  it('never goes back from En cours, nor out of Archivé', () => {
    expect(STATUS_TRANSITIONS['En cours']).not.toContain('Brouillon');
    expect(STATUS_TRANSITIONS['En cours']).not.toContain('Test');
    expect(STATUS_TRANSITIONS.Archivé).toHaveLength(0);
  });

  it('gives each status its badge', () => {
    expect(statusBadge('En cours')).toBe('badge badge-ok');
    expect(statusBadge('Test')).toBe('badge badge-warn');
    expect(statusBadge('Brouillon')).toBe('badge');
  });
});
