import { describe, expect, it } from 'vitest';
import { STATUS_TRANSITIONS, allowedTransitions, statusBadge } from './status';

describe('status transitions (copy of src/hackathon/hackathon-status.ts)', () => {
  it('offers from each status only the moves of the server’s table, with French labels', () => {
    expect(allowedTransitions('Brouillon')).toEqual([
      { to: 'En cours', label: 'Ouvrir aux étudiants' },
      { to: 'Test', label: 'Passer en test' },
    ]);
    expect(allowedTransitions('Test')).toEqual([
      { to: 'En cours', label: 'Ouvrir aux étudiants' },
      { to: 'Brouillon', label: 'Repasser en brouillon' },
    ]);
    expect(allowedTransitions('En cours')).toEqual([{ to: 'Terminé', label: 'Terminer le hackathon' }]);
    expect(allowedTransitions('Terminé')).toEqual([{ to: 'Archivé', label: 'Archiver' }]);
    expect(allowedTransitions('Archivé')).toEqual([]);
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
