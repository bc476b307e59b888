import { canonicalRole, readRole, storedSpellingsOf } from './roles';

describe('roles', () => {
  it.each([
    ['etudiant', 'student'],
    ['Etudiants', 'student'],
    ['STUDENTS', 'student'],
    [' student ', 'student'],
    ['examinateur', 'examiner'],
    ['Examinateurs', 'examiner'],
    ['examiners', 'examiner'],
    ['administrateur', 'admin'],
    ['ADMINISTRATEURS', 'admin'],
    ['admins', 'admin'],
  ])('maps the alias %s to %s', (alias, canonical) => {
    expect(canonicalRole(alias)).toBe(canonical);
  });

  it('knows no other role', () => {
    expect(canonicalRole('superuser')).toBeUndefined();
    expect(canonicalRole({ $ne: null })).toBeUndefined();
  });

  it('reads unknown or empty stored roles as "no access yet"', () => {
    expect(readRole('')).toBe('');
    expect(readRole('wizard')).toBe('');
    expect(readRole('examinateur')).toBe('examiner');
  });

  it('lists every stored spelling for queries over older data', () => {
    expect(storedSpellingsOf('student')).toEqual(
      expect.arrayContaining(['student', 'etudiant', 'Etudiant', 'etudiants']),
    );
  });
});
