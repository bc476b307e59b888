import { describe, expect, it } from 'vitest';
import { identityIn } from './identity-check';

const lea = { prenom: 'Léa', nom: 'Dubois', email: 'lea.dubois@lycee.example' };

describe('the student’s own identity in a final version', () => {
  it('finds the first and last name, whatever the case and accents', () => {
    expect(identityIn('Travail signé LEA dubois.', lea)).toEqual(['votre prénom « Léa »', 'votre nom « Dubois »']);
    expect(identityIn('— Léa', lea)).toEqual(['votre prénom « Léa »']);
  });

  it('finds the e-mail address, or its name part', () => {
    expect(identityIn('Écrivez-moi : Lea.Dubois@lycee.example', lea)).toEqual([
      'votre prénom « Léa »',
      'votre nom « Dubois »',
      'votre adresse « lea.dubois@lycee.example »',
    ]);
    const tom = { prenom: 'Tom', nom: 'Ng', email: 'tnguyen42@lycee.example' };
    expect(identityIn('par tnguyen42', tom)).toEqual(['l’identifiant de votre adresse « tnguyen42 »']);
  });

  it('says nothing of a name inside another word, or of a text without it', () => {
    expect(identityIn('Un boisé dubitatif, une idée claire.', lea)).toEqual([]);
    expect(identityIn('Résume cet article en trois points.', lea)).toEqual([]);
  });
});
