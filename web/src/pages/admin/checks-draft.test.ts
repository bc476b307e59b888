import { describe, expect, it } from 'vitest';
import { checksErrorsOf, checksOf, emptyRule, newChecks, verificationBody, withNames } from './checks-draft';

describe('a task’s checks in the form', () => {
  it('builds the API’s verification from what the teacher typed', () => {
    const c = withNames(newChecks(), 'texte, langue');
    c.cas[0] = {
      entrees: { texte: 'Bonjour', langue: 'anglais' },
      attendu: [{ type: 'contient', valeur: 'Hello', ignorerCasse: false }],
      public: true,
    };
    c.cas.push({
      entrees: { texte: 'Merci', langue: 'allemand' },
      attendu: [{ type: 'regex', valeur: '^danke', ignorerCasse: true }],
      public: false,
    });
    c.regles = [
      { type: 'max_mots', valeur: '20', ignorerCasse: false },
      { type: 'json_schema', valeur: '{\n  "type": "string"\n}', ignorerCasse: false },
    ];
    c.maxTokensPrompt = '120';
    c.temperature = '0,2';
    const { body, errors } = verificationBody(c);
    expect(errors).toEqual({});
    expect(body).toEqual({
      cas: [
        {
          entrees: { texte: 'Bonjour', langue: 'anglais' },
          attendu: [{ type: 'contient', valeur: 'Hello' }],
          public: true,
        },
        {
          entrees: { texte: 'Merci', langue: 'allemand' },
          attendu: [{ type: 'regex', valeur: '^danke', flags: 'i' }],
          public: false,
        },
      ],
      regles: [
        { type: 'max_mots', valeur: 20 },
        { type: 'json_schema', valeur: { type: 'string' } },
      ],
      repetitions: 1,
      maxTokensPrompt: 120,
      temperature: 0.2,
    });
    // Read back from the API, the form holds the same.
    expect(checksOf(body as never)).toEqual({ ...c, noms: 'texte, langue', temperature: '0.2' });
  });

  it('says what cannot be sent under the server’s own paths', () => {
    const c = newChecks();
    c.noms = 'texte, 2e';
    c.cas[0].attendu = [{ ...emptyRule('json_schema'), valeur: '{ type: ' }];
    c.cas.push({ entrees: {}, attendu: [], public: false });
    c.repetitions = '9';
    c.temperature = 'chaud';
    expect(verificationBody(c).errors).toEqual({
      noms: expect.stringContaining('2e'),
      'cas[0].attendu[0].valeur': expect.stringContaining('JSON lisible'),
      'cas[1].attendu': 'Ajoutez une règle à ce cas, ou une règle pour tous les cas.',
      repetitions: 'Indiquez un nombre entier de 1 à 5.',
      temperature: 'Indiquez un nombre (par exemple 0,2), ou laissez vide.',
    });
  });

  it('keeps each case’s texts when the input names change', () => {
    const c = newChecks();
    c.cas[0].entrees.texte = 'Bonjour';
    expect(withNames(c, 'texte, langue').cas[0].entrees).toEqual({ texte: 'Bonjour', langue: '' });
    expect(withNames(c, '{{langue}}').cas[0].entrees).toEqual({ langue: '' });
  });

  it('puts the server’s INVALID_VERIFICATION paths under the task they belong to', () => {
    const details = [
      { field: 'taches[1].verification.cas[0].attendu[0].valeur', messages: ['expression régulière refusée'] },
      { field: 'taches[1].verification', messages: ['doit être un objet'] },
      { field: 'taches[10].verification.repetitions', messages: ['trop'] },
    ];
    expect(checksErrorsOf(details, 'taches[1].verification')).toEqual({
      'cas[0].attendu[0].valeur': 'Expression régulière refusée.',
      '': 'Doit être un objet.',
    });
  });
});
