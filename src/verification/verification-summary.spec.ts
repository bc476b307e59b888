import type { TaskVerification } from '../hackathon';
import { FinishedRun, pendingSummary, STUDENT_ECHEC_IA, summarize, summaryForStudent } from './verification-summary';

const verification: TaskVerification = {
  cas: [
    { entrees: { t: 'public' }, attendu: [{ type: 'contient', valeur: 'a' }], public: true },
    { entrees: { t: 'SECRET-INPUT' }, attendu: [{ type: 'contient', valeur: 'SECRET-EXPECTED' }], public: false },
  ],
  regles: [],
  maxTokensPrompt: null,
  repetitions: 2,
  temperature: null,
};

const run = (cas: number, repetition: number, reussi: boolean): FinishedRun => ({
  cas,
  repetition,
  reussi,
  reponse: cas === 1 ? 'SECRET-ANSWER' : 'réponse publique',
  raisons: reussi ? [] : [cas === 1 ? 'la réponse ne contient pas « SECRET-EXPECTED »' : 'raté'],
});

describe('summarize', () => {
  it('scores passed runs / runs once every run is there', () => {
    const s = summarize(verification, 12, [run(1, 1, true), run(0, 0, true), run(0, 1, false), run(1, 0, true)]);
    expect(s).toMatchObject({ statut: 'terminee', score: 0.75, tokensPrompt: 12, reussis: 3, total: 4, raison: null });
    expect(s.cas.map((c) => c.reussi)).toEqual([false, true]);
    expect(s.cas[1].executions.map((e) => e.reponse)).toEqual(['SECRET-ANSWER', 'SECRET-ANSWER']);
  });

  it('is en_attente with no score while runs are missing, or says what stopped them', () => {
    expect(pendingSummary(verification, 5)).toMatchObject({ statut: 'en_attente', score: null, reussis: 0, total: 4 });
    const stopped = summarize(verification, 5, [run(0, 0, true)], {
      statut: 'budget_epuise',
      raison: { code: 'BUDGET_EPUISE', message: 'épuisé' },
    });
    expect(stopped).toMatchObject({
      statut: 'budget_epuise',
      score: null,
      reussis: 1,
      raison: { code: 'BUDGET_EPUISE' },
    });
    expect(stopped.cas[0]).toMatchObject({ reussi: false, executions: [{ reussi: true }] });
  });

  it('scores 0 with its reason when nothing is to run (PROMPT_TOO_LONG)', () => {
    expect(summarize(verification, 500, [], null, { code: 'PROMPT_TOO_LONG', message: 'trop long' })).toMatchObject({
      statut: 'terminee',
      score: 0,
      reussis: 0,
      total: 4,
      raison: { code: 'PROMPT_TOO_LONG' },
    });
  });
});

describe('summaryForStudent', () => {
  const full = summarize(verification, 12, [run(0, 0, true), run(0, 1, true), run(1, 0, false), run(1, 1, true)]);

  it('keeps only public cases and nothing of a hidden one, and no score before publication', () => {
    const seen = summaryForStudent(full, false);
    expect(seen).toEqual({
      statut: 'terminee',
      score: null,
      tokensPrompt: 12,
      reussis: null,
      total: null,
      cas: [{ public: true, reussi: true, executions: full.cas[0].executions }],
      raison: null,
    });
    expect(JSON.stringify(seen)).not.toMatch(/SECRET/);
  });

  it('adds the score and counts once the results are published, still without hidden cases', () => {
    const seen = summaryForStudent(full, true);
    expect(seen).toMatchObject({ score: 0.75, reussis: 3, total: 4 });
    expect(seen.cas).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toMatch(/SECRET/);
  });

  it("a provider failure reaches a student in words of ours, never the provider's message", () => {
    const s = summarize(verification, 12, [], {
      statut: 'echec',
      raison: { code: 'ECHEC_IA', message: 'refused: « SECRET-INPUT »' },
    });
    expect(summaryForStudent(s, true).raison).toEqual({ code: 'ECHEC_IA', message: STUDENT_ECHEC_IA });
    expect(s.raison?.message).toContain('SECRET-INPUT');
  });
});
