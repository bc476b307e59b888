import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import type { Essai } from '../../api/essais';
import {
  essaiPromptsRefusal,
  essaiRunning,
  formatScore,
  noEssai,
  placeholderProblem,
  placeholdersIn,
  ruleText,
  withEssai,
  withEssaiStarted,
  withVerification,
  type Verification,
} from './checks';

const essai = (id: string, statut: Essai['statut'], results: (boolean | null)[]): Essai => ({
  id,
  conversationId: 'c1',
  prompt: 'Traduis {{texte}}',
  statut,
  reussis: results.filter((r) => r === true).length,
  total: results.length,
  cas: results.map((reussi, i) => ({
    entrees: { texte: `exemple ${i}` },
    attendu: [{ type: 'contient', valeur: `exemple ${i}` }],
    reussi,
    reponse: reussi === null ? null : `réponse ${i}`,
    raisons: reussi === false ? ['La réponse ne contient pas « exemple ».'] : [],
  })),
  erreur: null,
  createdAt: '2026-12-07T10:00:00.000Z',
  finishedAt: statut === 'en_attente' ? null : '2026-12-07T10:00:05.000Z',
});

describe('a try followed by the page', () => {
  it('follows the try started, and ignores the views of other tries', () => {
    let s = withEssaiStarted(noEssai, 'e1');
    expect(essaiRunning(s)).toBe(true);
    s = withEssai(s, { essai: essai('e1', 'en_attente', [true, null]) });
    expect(s.essai?.cas[0].reussi).toBe(true);
    expect(essaiRunning(s)).toBe(true);
    s = withEssai(s, { essai: essai('e1', 'terminee', [true, false]) });
    expect(s.essai?.reussis).toBe(1);
    expect(essaiRunning(s)).toBe(false);
    // An older try's end, arriving late (a replayed stream), does not replace it.
    const after = withEssai(s, { essai: essai('e0', 'terminee', [false, false]) });
    expect(after.essai?.id).toBe('e1');
  });

  it('keeps the end the stream told before the 202 was read', () => {
    let s = withEssai(noEssai, { essai: essai('e2', 'terminee', [true]) });
    expect(s.essai).toBeNull();
    s = withEssaiStarted(s, 'e2');
    expect(s.essai?.statut).toBe('terminee');
    expect(essaiRunning(s)).toBe(false);
    expect(s.early).toEqual({});
  });

  it('never goes back from an ended try to a running view of it (a slow GET answering after the event)', () => {
    let s = withEssaiStarted(noEssai, 'e3');
    s = withEssai(s, { essai: essai('e3', 'terminee', [true, true]) });
    s = withEssai(s, essai('e3', 'en_attente', [true, null]));
    expect(s.essai?.statut).toBe('terminee');
    // A running view with fewer results than the one known is older too.
    let r = withEssai(withEssaiStarted(noEssai, 'e4'), essai('e4', 'en_attente', [true, true, null]));
    r = withEssai(r, essai('e4', 'en_attente', [true, null, null]));
    expect(r.essai?.cas.filter((c) => c.reussi !== null)).toHaveLength(2);
  });

  it('ignores what is not a try', () => {
    const s = withEssaiStarted(noEssai, 'e5');
    expect(withEssai(s, null)).toBe(s);
    expect(withEssai(s, { essai: { id: 'e5' } })).toBe(s);
    expect(withEssai(s, 'texte')).toBe(s);
    expect(essaiRunning(noEssai)).toBe(false);
  });
});

describe('the checks of a final version', () => {
  const pending: Verification = {
    statut: 'en_attente',
    score: null,
    tokensPrompt: 12,
    reussis: null,
    total: null,
    cas: [{ public: true, reussi: false, executions: [] }],
    raison: null,
  };
  const final = { promptFinal: 'Traduis {{texte}}', verification: pending };

  it('takes the end of its own conversation’s checks only', () => {
    const done = { ...pending, statut: 'terminee' as const };
    expect(withVerification(final, 'c1', { conversationId: 'c1', verification: done }).verification.statut).toBe(
      'terminee',
    );
    expect(withVerification(final, 'c1', { conversationId: 'c2', verification: done })).toBe(final);
    expect(withVerification(final, 'c1', { conversationId: 'c1' })).toBe(final);
    expect(withVerification(final, 'c1', null)).toBe(final);
  });
});

describe('rules and placeholders in French', () => {
  it('says each rule after « La réponse doit »', () => {
    expect(ruleText({ type: 'contient', valeur: 'Bonjour' })).toBe('contenir « Bonjour »');
    expect(ruleText({ type: 'ne_contient_pas', valeur: 'merci' })).toBe('ne pas contenir « merci »');
    expect(ruleText({ type: 'egal', valeur: 'oui' })).toMatch(/^être exactement « oui »/);
    expect(ruleText({ type: 'regex', valeur: '^a+$', flags: 'i' })).toBe(
      'correspondre au motif « ^a+$ » (majuscules et minuscules confondues)',
    );
    expect(ruleText({ type: 'json_schema', valeur: { type: 'object' } })).toMatch(/JSON/);
    expect(ruleText({ type: 'max_mots', valeur: 1200 })).toBe('tenir en 1\u202f200 mots au plus');
  });

  it('finds placeholders as the server does, spaces inside the braces allowed', () => {
    expect(placeholdersIn('Traduis {{ texte }} en {{langue}}, puis {{texte}}.')).toEqual(['texte', 'langue']);
    expect(placeholdersIn('Aucun emplacement {texte}')).toEqual([]);
  });

  it('names the placeholders of a 400 PROMPT_PLACEHOLDERS', () => {
    const err = new ApiError(400, 'PROMPT_PLACEHOLDERS', 'Emplacements du prompt à corriger', [
      { field: 'promptFinal', messages: [], missing: ['txte'], unused: ['texte'] },
    ]);
    expect(placeholderProblem(err)).toBe(
      'Emplacements à corriger : {{txte}} ne correspond à aucune entrée des exemples (vérifiez l’orthographe) ; il manque {{texte}} : le prompt doit l’utiliser pour recevoir le texte de chaque exemple.',
    );
    expect(placeholderProblem(new ApiError(400, 'VALIDATION_FAILED', 'non'))).toBeNull();
    expect(placeholderProblem(null)).toBeNull();
  });

  it('writes a score as a French percentage', () => {
    expect(formatScore(0.5)).toMatch(/^50[\u00a0\u202f]%$/);
    expect(formatScore(2 / 3)).toMatch(/^66,7[\u00a0\u202f]%$/);
    expect(formatScore(null)).toBe('—');
  });
});

describe('a try refused by the quota', () => {
  it('says a try counts one prompt per example', () => {
    const err = new ApiError(429, 'QUOTA_PROMPTS_EXCEEDED', 'Quota de prompts atteint');
    expect(essaiPromptsRefusal(err, 3, 2)).toMatch(
      /^Cet essai compte 3 prompts \(un par exemple\) et il ne vous en reste que 2\./,
    );
    expect(essaiPromptsRefusal(err, 1, 0)).toMatch(
      /^Cet essai compte 1 prompt \(un par exemple\) et il ne vous en reste aucun\./,
    );
    expect(essaiPromptsRefusal(new ApiError(429, 'QUOTA_TOKENS_EXCEEDED', 'x'), 3, 2)).toBeNull();
  });
});
