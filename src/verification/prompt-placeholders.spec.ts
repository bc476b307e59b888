import type { TaskVerification } from '../hackathon';
import { assertPlaceholders, fillPlaceholders, placeholderMismatch, placeholdersOf } from './prompt-placeholders';

const verification = (...names: string[]): TaskVerification => ({
  cas: [{ entrees: Object.fromEntries(names.map((n) => [n, `valeur de ${n}`])), attendu: [], public: true }],
  regles: [{ type: 'max_mots', valeur: 10 }],
  maxTokensPrompt: null,
  repetitions: 1,
  temperature: null,
});

describe('placeholders {{nom}}', () => {
  it('lists each placeholder once, in order, spaces inside the braces allowed', () => {
    expect(placeholdersOf('Résume {{texte}} en {{ langue }}, puis {{texte}} encore')).toEqual(['texte', 'langue']);
    expect(placeholdersOf('Aucun { emplacement } ici {{}}')).toEqual([]);
  });

  it('fills every placeholder in one pass: an input holding {{x}} stays as it is', () => {
    expect(fillPlaceholders('A={{a}} B={{ b }} A={{a}}', { a: '{{b}}', b: 'deux' })).toBe('A={{b}} B=deux A={{b}}');
  });

  it('fills accented names and keeps the input’s text exactly (Unicode, $-patterns)', () => {
    expect(fillPlaceholders('{{entrée}}', { entrée: 'prix : 5 $& plus 👍' })).toBe('prix : 5 $& plus 👍');
  });

  it('names missing and unused inputs', () => {
    expect(placeholderMismatch('Traduis {{texte}} en {{langue}}', verification('texte', 'ton'))).toEqual({
      missing: ['langue'],
      unused: ['ton'],
    });
    expect(placeholderMismatch('{{texte}}', verification('texte'))).toEqual({ missing: [], unused: [] });
  });

  it('assertPlaceholders answers 400 PROMPT_PLACEHOLDERS naming them, and accepts a matching prompt', () => {
    expect(() => assertPlaceholders('{{texte}}', verification('texte'))).not.toThrow();
    expect(() => assertPlaceholders('anything', null)).not.toThrow();
    try {
      assertPlaceholders('Sans emplacement mais avec {{autre}}', verification('texte'));
      throw new Error('expected PROMPT_PLACEHOLDERS');
    } catch (err) {
      expect(err).toMatchObject({
        status: 400,
        code: 'PROMPT_PLACEHOLDERS',
        message:
          'Emplacements du prompt à corriger : aucune entrée des cas ne remplit {{autre}} ; le prompt n’utilise pas {{texte}}',
        details: [expect.objectContaining({ field: 'promptFinal', missing: ['autre'], unused: ['texte'] })],
      });
    }
  });

  it('a task whose cases have no input accepts a prompt without placeholders only', () => {
    expect(placeholderMismatch('Écris un haïku', verification())).toEqual({ missing: [], unused: [] });
    expect(placeholderMismatch('Écris {{x}}', verification())).toEqual({ missing: ['x'], unused: [] });
  });
});
