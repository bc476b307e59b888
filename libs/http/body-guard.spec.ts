import { forbiddenKeyIn, jsonDepthExceeds, nulCharacterField } from './body-guard';

describe('body guard', () => {
  it('names the field that holds a NUL character, at any depth, in strings and keys', () => {
    expect(nulCharacterField({ prenom: 'Ma\u0000rie' })).toBe('prenom');
    expect(nulCharacterField({ taches: [{ titre: 'ok' }, { titre: 'a\u0000' }] })).toBe('taches.1.titre');
    expect(nulCharacterField({ ['cl\u0000e']: 1 })).toBe('cl\\0e');
    expect(nulCharacterField(['\u0000'])).toBe('0');
    expect(nulCharacterField({ prenom: 'Marie', n: 3, b: null })).toBeNull();
  });

  it('measures nesting without parsing, strings and escapes skipped', () => {
    expect(jsonDepthExceeds(Buffer.from('['.repeat(33) + ']'.repeat(33)))).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('['.repeat(32) + ']'.repeat(32)))).toBe(false);
    expect(jsonDepthExceeds(Buffer.from(JSON.stringify({ s: '[[[[\\"[[[['.repeat(20) })))).toBe(false);
  });

  it('finds prototype keys anywhere', () => {
    expect(forbiddenKeyIn(JSON.parse('{"a":[{"__proto__":{"x":1}}]}'))).toBe('__proto__');
    expect(forbiddenKeyIn({ a: { b: 'constructor' } })).toBeNull();
  });
});
