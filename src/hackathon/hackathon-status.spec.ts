import {
  allowedTargets,
  canTransition,
  HackathonStatut,
  isStatut,
  parseStatut,
  STATUS_TRANSITIONS,
  STATUTS,
} from './hackathon-status';

// docs/data-model.md §5.4, written out pair by pair: every one of the 25 (from, to) pairs is listed.
const TABLE: [HackathonStatut, HackathonStatut, boolean][] = [
  ['Brouillon', 'Brouillon', false],
  ['Brouillon', 'Test', true],
  ['Brouillon', 'En cours', true],
  ['Brouillon', 'Terminé', false],
  ['Brouillon', 'Archivé', false],
  ['Test', 'Brouillon', true],
  ['Test', 'Test', false],
  ['Test', 'En cours', true],
  ['Test', 'Terminé', false],
  ['Test', 'Archivé', false],
  ['En cours', 'Brouillon', false],
  ['En cours', 'Test', false],
  ['En cours', 'En cours', false],
  ['En cours', 'Terminé', true],
  ['En cours', 'Archivé', false],
  ['Terminé', 'Brouillon', false],
  ['Terminé', 'Test', false],
  ['Terminé', 'En cours', false],
  ['Terminé', 'Terminé', false],
  ['Terminé', 'Archivé', true],
  ['Archivé', 'Brouillon', false],
  ['Archivé', 'Test', false],
  ['Archivé', 'En cours', false],
  ['Archivé', 'Terminé', false],
  ['Archivé', 'Archivé', false],
];

describe('hackathon status machine (docs/data-model.md §5.4)', () => {
  it('the table covers all 25 pairs', () => {
    expect(new Set(TABLE.map(([f, t]) => `${f}>${t}`)).size).toBe(STATUTS.length ** 2);
  });

  it.each(TABLE)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('has exactly six allowed transitions', () => {
    const allowed = Object.values(STATUS_TRANSITIONS).reduce((n, targets) => n + targets.length, 0);
    expect(allowed).toBe(6);
    expect(TABLE.filter(([, , a]) => a)).toHaveLength(6);
  });

  it('nothing leaves Archivé', () => {
    expect(allowedTargets('Archivé')).toEqual([]);
  });

  it('refuses values that are not statuses', () => {
    expect(canTransition('Bidon' as HackathonStatut, 'Test')).toBe(false);
    expect(isStatut('En cours')).toBe(true);
    expect(isStatut('en cours')).toBe(false);
    expect(isStatut(3)).toBe(false);
  });
});

describe('parseStatut', () => {
  it.each([
    ['Brouillon', 'Brouillon'],
    ['brouillon', 'Brouillon'],
    ['TEST', 'Test'],
    ['En cours', 'En cours'],
    ['en_cours', 'En cours'],
    ['EN-COURS', 'En cours'],
    ['  en   cours ', 'En cours'],
    ['Terminé', 'Terminé'],
    ['termine', 'Terminé'],
    ['Archivé', 'Archivé'],
    ['ARCHIVE', 'Archivé'],
  ])('%j → %s', (input, expected) => {
    expect(parseStatut(input)).toBe(expected);
  });

  it.each([['Bidon'], [''], ['Encours'], [null], [undefined], [42], [{ $ne: 'x' }]])('%j is not a statut', (input) => {
    expect(parseStatut(input)).toBeUndefined();
  });
});
