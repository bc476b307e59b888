import { describe, expect, it } from 'vitest';
import { candidateName } from './candidate';

describe('candidateName', () => {
  it('keeps the pseudonym of an anonymous copy, whatever else came', () => {
    expect(candidateName({ candidat: 'Candidat 3', anonymous: true })).toBe('Candidat 3');
    expect(candidateName({ candidat: 'Candidat 3', anonymous: true, student: { prenom: 'Léa', nom: 'Martin' } })).toBe(
      'Candidat 3',
    );
  });
  it('names the student otherwise', () => {
    expect(candidateName({ candidat: 'Candidat 3', anonymous: false, student: { prenom: 'Léa', nom: 'Martin' } })).toBe(
      'Léa Martin',
    );
    expect(candidateName({ candidat: 'Candidat 3', anonymous: false, student: null })).toBe('Candidat 3');
  });
});
