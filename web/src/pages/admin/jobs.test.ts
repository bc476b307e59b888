import { describe, expect, it } from 'vitest';
import { failureWords, isFinished, resultWords, stateWords } from './jobs';

describe('job wording', () => {
  it('knows when a job is over', () => {
    expect(isFinished({ state: 'completed' })).toBe(true);
    expect(isFinished({ state: 'failed' })).toBe(true);
    expect(isFinished({ state: 'active' })).toBe(false);
    expect(isFinished({ state: 'waiting' })).toBe(false);
  });

  it('says the state in French', () => {
    expect(stateWords({ state: 'waiting', failedReason: null })).toBe('En attente de démarrage');
    expect(stateWords({ state: 'waiting', failedReason: 'X: y' })).toBe('Nouvel essai en attente');
    expect(stateWords({ state: 'active', failedReason: null })).toBe('En cours');
    expect(stateWords({ state: 'completed', failedReason: null })).toBe('Terminée');
    expect(stateWords({ state: 'failed', failedReason: 'X' })).toBe('Échec');
  });

  it('drops the stable code before the French reason of a failure', () => {
    expect(failureWords('CSV_BAD_HEADER: En-tête invalide (ligne 1) : attendu a,b')).toBe(
      'En-tête invalide (ligne 1) : attendu a,b',
    );
    expect(failureWords('Quelque chose a cassé')).toBe('Quelque chose a cassé');
    expect(failureWords(null)).toBe('La tâche a échoué sans donner de raison.');
  });

  it('says each job’s result in words', () => {
    expect(resultWords('cleanup-magic-links', { magicLinksCleared: 2, magicLinkUsesPurged: 1 })).toBe(
      '2 liens de connexion expirés effacés, 1 trace d’utilisation purgée.',
    );
    expect(
      resultWords('integrity-check', {
        conversationsChecked: 12,
        orphanConversationsStudent: { count: 0, sampleIds: [] },
        ledgerMismatches: { count: 2, sampleIds: ['a', 'b'] },
        orphanEvaluations: null,
      }),
    ).toBe('12 conversations vérifiées : 2 incohérences trouvées.');
    expect(resultWords('integrity-check', { conversationsChecked: 0 })).toBe(
      '0 conversation vérifiée : aucune incohérence trouvée.',
    );
    expect(
      resultWords('integrity-check', {
        conversationsChecked: 5,
        counterMismatches: { count: 1, sampleIds: ['s'] },
        tokensUsedMismatches: { count: 1, sampleIds: ['s'] },
        repaired: { conversationCounters: 0, counterMismatches: 1, tokensUsedMismatches: 1, countersBusy: 1 },
      }),
    ).toBe(
      '5 conversations vérifiées : 2 incohérences trouvées, 2 réparations faites ; 1 compteur en cours d’usage, repris au prochain passage.',
    );
    expect(resultWords('archive-conversations', { archived: 3, olderThanDays: 180 })).toBe(
      '3 conversations archivées (plus de 180 jours).',
    );
    expect(resultWords('purge-analytics', { purged: 1 })).toBe(
      '1 événement de statistiques supprimé (plus de 30 jours).',
    );
    expect(resultWords('export-results', { rows: 4 })).toBe('Export des résultats prêt : 4 lignes.');
    expect(resultWords('export-conversations', { rows: 1 })).toBe('Export des conversations prêt : 1 conversation.');
    expect(
      resultWords('assign-examiners', { created: 2, submissions: 2, examiners: 1, examinersPerSubmission: 1 }),
    ).toBe('2 attributions créées pour 2 soumissions et 1 examinateur (1 par soumission).');
    expect(resultWords('autre', null)).toBe('Tâche terminée.');
  });
});
