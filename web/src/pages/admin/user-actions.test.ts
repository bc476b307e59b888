import { describe, expect, it } from 'vitest';
import { deleteConsequences, eraseConsequences } from './user-actions';

const ana = { prenom: 'Ana', nom: 'Martin', email: 'ana@ecole.example' };

describe('confirming what happens to an account', () => {
  it('names the person and says that a deleted account keeps its work', () => {
    const lines = deleteConsequences(ana);
    expect(lines[0]).toBe(
      'Ana Martin (ana@ecole.example) ne pourra plus se connecter ; ses sessions ouvertes se ferment tout de suite.',
    );
    expect(lines.join(' ')).toMatch(/conversations, versions finales et notes sont conservées/);
  });

  it('says what the RGPD erase removes, what stays, and that it is final', () => {
    const lines = eraseConsequences(ana);
    expect(lines[0]).toMatch(
      /^Le nom, l’adresse e-mail \(ana@ecole\.example\).* de Ana Martin sont effacés définitivement/,
    );
    expect(lines[2]).toMatch(/ne peut pas être annulé/);
  });
});
