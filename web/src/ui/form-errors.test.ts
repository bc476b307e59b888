import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { formErrorsOf, sentence } from './form-errors';

const PATHS = { nom: 'nom', 'dates.fin': 'fin', 'quotas.tokensParEtudiant': 'tokens', taches: 'taches' } as const;

describe('form errors from an API answer', () => {
  it('puts each field’s message next to its field, as a sentence, without the technical key', () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'Données invalides — nom : Nom requis', [
      { field: 'nom', messages: ['Nom requis'] },
      { field: 'quotas.tokensParEtudiant', messages: ['valeur trop grande'] },
    ]);
    expect(formErrorsOf(err, PATHS)).toEqual({
      fields: { nom: 'Nom requis.', tokens: 'Valeur trop grande.' },
      others: [],
    });
  });

  it('reads a nested path by its nearest known parent (taches.0.titre → taches)', () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'x', [{ field: 'taches.0.titre', messages: ['trop long'] }]);
    expect(formErrorsOf(err, PATHS).fields).toEqual({ taches: 'Trop long.' });
  });

  it('says once what belongs to no field', () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'x', [{ field: 'inconnu', messages: ['champ non autorisé'] }]);
    expect(formErrorsOf(err, PATHS)).toEqual({ fields: {}, others: ['Champ non autorisé.'] });
  });

  it('keeps another code’s French message, without the "Données invalides —" prefix', () => {
    expect(formErrorsOf(new ApiError(409, 'EMAIL_TAKEN', 'email déjà utilisé'), PATHS).others).toEqual([
      'Email déjà utilisé.',
    ]);
    expect(
      formErrorsOf(new ApiError(400, 'VALIDATION_FAILED', 'Données invalides — rien à modifier'), PATHS).others,
    ).toEqual(['Rien à modifier.']);
  });

  it('puts the message of a code about one field next to that field', () => {
    const err = new ApiError(409, 'EMAIL_TAKEN', 'email déjà utilisé');
    expect(formErrorsOf(err, { email: 'email' }, { EMAIL_TAKEN: { field: 'email' } })).toEqual({
      fields: { email: 'Email déjà utilisé.' },
      others: [],
    });
    const said = 'Un compte existe déjà avec cette adresse e-mail.';
    expect(formErrorsOf(err, {}, { EMAIL_TAKEN: { field: 'email', message: said } }).fields).toEqual({ email: said });
  });

  it('is empty without an error', () => {
    expect(formErrorsOf(null, PATHS)).toEqual({ fields: {}, others: [] });
  });

  it('ends a message with one full stop', () => {
    expect(sentence('nom requis')).toBe('Nom requis.');
    expect(sentence('Déjà dit.')).toBe('Déjà dit.');
  });
});
