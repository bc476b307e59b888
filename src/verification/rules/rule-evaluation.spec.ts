import type { Rule } from '../../hackathon';
import { countWords, evaluateRules, failureOf, parseAnswerJson } from './rule-evaluation';
import { runWithTimeLimit } from './time-limit';

const passes = (answer: string, rule: Rule) => failureOf(answer, rule) === null;

describe('contient / ne_contient_pas', () => {
  const rule = (valeur: string): Rule => ({ type: 'contient', valeur });

  it('ignores case and runs of spaces (line breaks, tabs, non-breaking spaces)', () => {
    expect(passes('La CAPITALE est\n\tParis.', rule('capitale est paris'))).toBe(true);
    expect(passes('prix :\u00a0100\u202f€', rule('prix : 100 €'))).toBe(true);
  });

  it('reads an accent the same whether composed (NFC) or decomposed (NFD), on either side', () => {
    const nfd = 'e\u0301te\u0301'; // "été" as letters + combining acute accents
    expect(passes(`Un ${nfd} chaud`, rule('été'))).toBe(true);
    expect(passes('Un été chaud', rule(nfd))).toBe(true);
  });

  it('keeps accents meaningful: « ete » is not « été »', () => {
    expect(passes('Un été chaud', rule('ete'))).toBe(false);
  });

  it('finds emoji and says why in French when absent', () => {
    expect(passes('Bravo 🎉👍🏽 !', rule('👍🏽'))).toBe(true);
    expect(failureOf('Bravo !', rule('🎉'))).toBe('la réponse ne contient pas « 🎉 »');
  });

  it('ne_contient_pas fails when the text is there, whatever the case', () => {
    const forbidden: Rule = { type: 'ne_contient_pas', valeur: 'Désolé' };
    expect(failureOf('DÉSOLÉ, je ne peux pas', forbidden)).toBe('la réponse contient « Désolé »');
    expect(passes('Voici la réponse', forbidden)).toBe(true);
  });
});

describe('egal', () => {
  const rule = (valeur: string): Rule => ({ type: 'egal', valeur });

  it('trims both ends (spaces, line breaks) and compares exactly, case included', () => {
    expect(passes('  Paris \n', rule('Paris'))).toBe(true);
    expect(passes('paris', rule('Paris'))).toBe(false);
    expect(passes('Paris.', rule('Paris'))).toBe(false);
  });

  it('treats NFC and NFD, and CRLF and LF, as the same text', () => {
    expect(passes('Cafe\u0301', rule('Café'))).toBe(true);
    expect(passes('a\r\nb', rule('a\nb'))).toBe(true);
  });

  it('keeps inner spaces exact', () => {
    expect(failureOf('Paris  France', rule('Paris France'))).toBe('la réponse n’est pas exactement « Paris France »');
  });
});

describe('regex', () => {
  it('matches with the u flag (an emoji is one character), and i only when asked', () => {
    expect(passes('😀', { type: 'regex', valeur: '^.$', flags: '' })).toBe(true);
    expect(passes('OUI', { type: 'regex', valeur: '^oui$', flags: '' })).toBe(false);
    expect(passes('OUI', { type: 'regex', valeur: '^oui$', flags: 'i' })).toBe(true);
  });

  it('matches an NFD answer against an NFC pattern', () => {
    expect(passes('re\u0301sume\u0301', { type: 'regex', valeur: '^résumé$', flags: '' })).toBe(true);
  });

  it('cuts off a pathological pattern that safe-regex2 lets through, and fails the rule saying so', () => {
    // (a|a)* has star height 1, so safe-regex2 accepts it, yet backtracks exponentially.
    const rule: Rule = { type: 'regex', valeur: '^(a|a)*$', flags: '' };
    const reason = failureOf(`${'a'.repeat(40)}b`, rule, 50);
    expect(reason).toMatch(/a dépassé 50 ms : vérification interrompue/);
    // The evaluator still works afterwards.
    expect(passes('aaa', rule)).toBe(true);
  });
});

describe('json_schema', () => {
  const schema: Rule = {
    type: 'json_schema',
    valeur: {
      type: 'object',
      properties: { nom: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
      required: ['nom', 'age'],
      additionalProperties: false,
    },
  };

  it('accepts the JSON alone, with spaces around, or alone in one code fence', () => {
    expect(passes('{"nom":"Ada","age":36}', schema)).toBe(true);
    expect(passes('\n  {"nom":"Ada","age":36}  \n', schema)).toBe(true);
    expect(passes('```json\n{"nom":"Ada","age":36}\n```', schema)).toBe(true);
    expect(passes('```\n{"nom":"Ada","age":36}\n```', schema)).toBe(true);
  });

  it('refuses text after the JSON, or before it, saying what is wrong', () => {
    expect(failureOf('{"nom":"Ada","age":36} Voilà !', schema)).toMatch(/du texte suit le JSON \(« Voilà ! »\)/);
    expect(failureOf('Voici : {"nom":"Ada","age":36}', schema)).toMatch(/n’est pas un JSON valide/);
    expect(failureOf('```json\n{"nom":"Ada","age":36}\n```\nBonne journée', schema)).toMatch(/JSON/);
  });

  it('refuses an empty answer and invalid JSON', () => {
    expect(failureOf('   ', schema)).toBe('la réponse est vide : un JSON était attendu');
    expect(failureOf("{nom: 'Ada'}", schema)).toMatch(/n’est pas un JSON valide/);
  });

  it('names what the schema refuses, in French', () => {
    expect(failureOf('{"nom":"Ada"}', schema)).toBe(
      'le JSON ne respecte pas le schéma : le JSON : propriété requise manquante « age »',
    );
    expect(failureOf('{"nom":"Ada","age":"36"}', schema)).toMatch(/« \/age » doit être de type integer/);
    expect(failureOf('{"nom":"Ada","age":1,"x":2}', schema)).toMatch(/propriété non permise « x »/);
  });

  it('reads a JSON answer written with NFD accents as its NFC text', () => {
    const exact: Rule = { type: 'json_schema', valeur: { const: { ville: 'Orléans' } } };
    expect(passes('{"ville":"Orle\u0301ans"}', exact)).toBe(true);
  });

  it('parseAnswerJson gives the value', () => {
    expect(parseAnswerJson('```json\n[1, 2]\n```')).toEqual({ ok: true, value: [1, 2] });
  });
});

describe('max_mots', () => {
  it.each([
    ['Bonjour le monde', 3],
    ['Bonjour , le monde !', 3],
    ["l’homme et l'enfant", 3],
    ['peut-être demain', 2],
    ['— … !!! 🎉', 0],
    ['Il a 36 ans.', 4],
    ['  \n\t ', 0],
    ['Élève\u00a0:\u00a0présent', 2],
  ])('%j counts %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });

  it('passes at the limit, fails above it with the count', () => {
    expect(passes('un deux trois', { type: 'max_mots', valeur: 3 })).toBe(true);
    expect(failureOf('un deux trois quatre', { type: 'max_mots', valeur: 3 })).toBe(
      'la réponse compte 4 mots, 3 au plus',
    );
  });
});

describe('evaluateRules', () => {
  it('passes with no failed rule, and lists every failure otherwise', () => {
    const rules: Rule[] = [
      { type: 'contient', valeur: 'Paris' },
      { type: 'max_mots', valeur: 2 },
      { type: 'ne_contient_pas', valeur: 'Lyon' },
    ];
    expect(evaluateRules('Paris.', rules)).toEqual({ reussi: true, raisons: [] });
    expect(evaluateRules('Lyon, pas Paris', rules)).toEqual({
      reussi: false,
      raisons: ['la réponse compte 3 mots, 2 au plus', 'la réponse contient « Lyon »'],
    });
  });

  it('an empty rule list passes', () => {
    expect(evaluateRules('x', [])).toEqual({ reussi: true, raisons: [] });
  });
});

describe('runWithTimeLimit', () => {
  it('gives the value of work that finishes, and rethrows its errors', () => {
    expect(runWithTimeLimit(() => 42, 100)).toEqual({ finished: true, value: 42 });
    expect(() =>
      runWithTimeLimit(() => {
        throw new RangeError('boom');
      }, 100),
    ).toThrow('boom');
  });

  it('interrupts a busy loop', () => {
    expect(
      runWithTimeLimit(() => {
        for (;;);
      }, 20),
    ).toEqual({ finished: false });
  });
});
