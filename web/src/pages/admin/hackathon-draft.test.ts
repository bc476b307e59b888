import { describe, expect, it } from 'vitest';
import { newChecks } from './checks-draft';
import { fromLocalInput, toLocalInput } from './dates';
import {
  ACCEPTED_TODAY,
  defaultDates,
  draftErrors,
  emptyDraft,
  exchangesEstimate,
  followStart,
  hackathonBody,
  sentTaskIndexes,
  taskInput,
  tokensHint,
  type Draft,
} from './hackathon-draft';

const at = (iso: string) => new Date(iso);

describe('the hackathon form’s default dates', () => {
  it('starts at the next quarter hour, never in the past, and ends two hours later', () => {
    const { debut, fin } = defaultDates(at('2026-03-02T13:07:42Z'));
    expect(debut.toISOString()).toBe('2026-03-02T13:15:00.000Z');
    expect(fin.toISOString()).toBe('2026-03-02T15:15:00.000Z');
    expect(defaultDates(at('2026-03-02T13:45:00.000Z')).debut.toISOString()).toBe('2026-03-02T13:45:00.000Z');
    expect(defaultDates(at('2026-03-02T13:45:00.001Z')).debut.toISOString()).toBe('2026-03-02T14:00:00.000Z');
  });

  it('fills a new draft with them', () => {
    const now = at('2026-03-02T13:07:42Z');
    const d = emptyDraft(now);
    expect(fromLocalInput(d.debut)).toBe('2026-03-02T13:15:00.000Z');
    expect(d.fin).toBe(toLocalInput(at('2026-03-02T15:15:00Z')));
    expect(Date.parse(fromLocalInput(d.debut) ?? '')).toBeGreaterThanOrEqual(now.getTime());
  });
});

describe('moving the start of a new hackathon', () => {
  it('moves its end along, keeping the two hours of a session', () => {
    const d = followStart(emptyDraft(at('2026-03-02T13:07:42Z')), '2026-03-09T10:00');
    expect(d.debut).toBe('2026-03-09T10:00');
    expect(d.fin).toBe('2026-03-09T12:00');
  });

  it('leaves the end as it is while the start is being typed', () => {
    const d = emptyDraft(at('2026-03-02T13:07:42Z'));
    expect(followStart(d, '').fin).toBe(d.fin);
  });
});

describe('the hackathon form’s checks', () => {
  const valid = (): Draft => ({
    ...emptyDraft(at('2026-03-02T13:07:42Z')),
    nom: 'Atelier',
    taches: [{ titre: 'Résumer', consigne: '', systeme: '', verification: null }],
  });

  it('accepts a complete draft', () => {
    expect(draftErrors(valid())).toEqual({});
  });

  it('says each problem next to its field, in French', () => {
    const d = {
      ...valid(),
      nom: '  ',
      prompts: '0',
      tokens: '1,5',
      taches: [{ titre: ' ', consigne: '', systeme: '', verification: null }],
    };
    expect(draftErrors(d)).toEqual({
      nom: 'Donnez un nom au hackathon.',
      prompts: 'Indiquez un nombre entier, au moins 1.',
      tokens: 'Indiquez un nombre entier, au moins 1.',
      taches: 'Ajoutez au moins une tâche : les étudiants travaillent tâche par tâche.',
    });
  });

  it('says the end must come after the start, and no longer once the dates are fixed', () => {
    const d = { ...valid(), debut: '2026-03-02T14:00', fin: '2026-03-02T13:00' };
    expect(draftErrors(d)).toEqual({ fin: 'La fin doit venir après le début.' });
    expect(draftErrors({ ...d, fin: '2026-03-02T16:00' })).toEqual({});
    expect(draftErrors({ ...d, debut: '' })).toEqual({ debut: 'Indiquez la date et l’heure du début.' });
  });
});

describe('what the form sends', () => {
  it('sends new tasks as titles, edited ones with their id, empty ones not at all', () => {
    const d: Draft = {
      ...emptyDraft(at('2026-03-02T13:07:42Z')),
      nom: ' Atelier ',
      taches: [
        { id: 'a'.repeat(24), titre: 'Renommée', consigne: 'Lisez le texte.', systeme: '', verification: null },
        { titre: ' Nouvelle ', consigne: '', systeme: '', verification: null },
        { titre: '', consigne: '', systeme: '', verification: null },
      ],
    };
    const body = hackathonBody(d, { consigne: false, modeles: false, verification: false });
    expect(body.nom).toBe('Atelier');
    expect(body.taches).toEqual([{ id: 'a'.repeat(24), titre: 'Renommée' }, 'Nouvelle']);
    expect(body).not.toHaveProperty('modeles');
    expect(body.quotas).toEqual({ promptsParEtudiant: 30, tokensParEtudiant: 8000 });
    expect(sentTaskIndexes(d)).toEqual([0, 1]);
  });

  it('sends the 1.2 consigne, system prompt, checks and models; a saved task’s emptied field as null', () => {
    const accepted = ACCEPTED_TODAY;
    expect(
      taskInput(
        { titre: 'Résumer', consigne: '# Texte\n\nRésumez-le.', systeme: 'Sois bref.', verification: null },
        accepted,
      ),
    ).toEqual({
      titre: 'Résumer',
      consigne: '# Texte\n\nRésumez-le.',
      systeme: 'Sois bref.',
    });
    expect(taskInput({ titre: 'Résumer', consigne: ' ', systeme: '', verification: null }, accepted)).toBe('Résumer');
    expect(
      taskInput({ id: 'b'.repeat(24), titre: 'Résumer', consigne: ' ', systeme: '', verification: null }, accepted),
    ).toEqual({ id: 'b'.repeat(24), titre: 'Résumer', consigne: null, systeme: null, verification: null });
    expect(taskInput({ titre: 'Vérifiée', consigne: '', systeme: '', verification: newChecks() }, accepted)).toEqual({
      titre: 'Vérifiée',
      verification: {
        cas: [{ entrees: { texte: '' }, attendu: [{ type: 'contient', valeur: '' }], public: true }],
        regles: [],
        repetitions: 1,
        maxTokensPrompt: null,
        temperature: null,
      },
    });
    const d = { ...emptyDraft(at('2026-03-02T13:07:42Z')), modeles: ['gpt-4o-mini'] };
    expect(hackathonBody(d, accepted).modeles).toEqual(['gpt-4o-mini']);
    // The checks' budget, 200 000 by default as on the server.
    expect(hackathonBody(d, accepted).quotas).toEqual({
      promptsParEtudiant: 30,
      tokensParEtudiant: 8000,
      tokensVerification: 200_000,
    });
    expect(draftErrors({ ...d, budgetVerification: '-1' }).budgetVerification).toBe(
      'Indiquez un nombre entier de tokens (0 ou plus).',
    );
    expect(draftErrors({ ...d, budgetVerification: '0' }).budgetVerification).toBeUndefined();
  });
});

describe('the tokens estimate', () => {
  it('grows slower than the tokens: each exchange re-sends the history', () => {
    expect(exchangesEstimate(4000)).toEqual({ oneConversation: 5, fresh: 18 });
    expect(exchangesEstimate(8000)).toEqual({ oneConversation: 8, fresh: 38 });
    const big = exchangesEstimate(100_000);
    expect(big.oneConversation).toBeLessThan(big.fresh / 10);
  });

  it('counts the reserve a send needs for its answer', () => {
    expect(exchangesEstimate(500)).toEqual({ oneConversation: 0, fresh: 0 });
    expect(exchangesEstimate(600, 512).oneConversation).toBe(1);
    expect(exchangesEstimate(600, 4000).oneConversation).toBe(0);
  });

  it('says it in a sentence, in French numbers', () => {
    expect(tokensHint('8000')).toBe(
      '≈ 8 échanges de taille moyenne dans une même conversation, ou ≈ 38 en repartant d’une conversation neuve à chaque fois : chaque échange renvoie tout l’historique et coûte donc plus que le précédent.',
    );
    expect(tokensHint('100000')).toMatch(/^≈ \d+ échanges .* ≈ 498 en repartant/);
    expect(tokensHint('300')).toMatch(/^Trop peu pour un seul échange/);
    expect(tokensHint('')).toMatch(/^Ce que chaque étudiant peut consommer/);
  });
});
