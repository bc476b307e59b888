import type { Schema } from '@prompt-challenge/api-client';

export type JobReport = Schema<'JobReportView'>;

export function isFinished(report: Pick<JobReport, 'state'>): boolean {
  return report.state === 'completed' || report.state === 'failed';
}

/** A job's state for people. */
export function stateWords(report: Pick<JobReport, 'state' | 'failedReason'>): string {
  switch (report.state) {
    case 'waiting':
      return report.failedReason ? 'Nouvel essai en attente' : 'En attente de démarrage';
    case 'active':
      return 'En cours';
    case 'completed':
      return 'Terminée';
    case 'failed':
      return 'Échec';
  }
}

/** The French reason of a failure, without the stable code the server puts first (`CODE: message`). */
export function failureWords(failedReason: string | null | undefined): string {
  if (!failedReason) return 'La tâche a échoué sans donner de raison.';
  const m = /^[A-Z][A-Z0-9_]+: ([\s\S]*)$/.exec(failedReason);
  return m ? m[1] : failedReason;
}

const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
const fmt = (v: unknown) => n(v).toLocaleString('fr-FR');
const plural = (v: unknown, one: string, many: string) => `${fmt(v)} ${n(v) > 1 ? many : one}`;
/** An integrity finding: `{count, sampleIds}` (null when the collection is absent). */
const found = (v: unknown): number =>
  typeof v === 'object' && v !== null && 'count' in v ? n((v as { count: unknown }).count) : 0;

/** What a finished job did, in one French sentence, from its name and result. */
export function resultWords(name: string, result: Record<string, unknown> | null): string {
  const r = result ?? {};
  switch (name) {
    case 'cleanup-magic-links':
      return `${plural(r.magicLinksCleared, 'lien de connexion expiré effacé', 'liens de connexion expirés effacés')}, ${plural(r.magicLinkUsesPurged, 'trace d’utilisation purgée', 'traces d’utilisation purgées')}.`;
    case 'integrity-check': {
      const problems = [
        'orphanConversationsStudent',
        'orphanConversationsHackathon',
        'orphanEvaluations',
        'evaluationStudentMismatches',
        'messageCountMismatches',
        'totalTokensMismatches',
        'ledgerMismatches',
        'counterMismatches',
        'tokensUsedMismatches',
      ].reduce((sum, k) => sum + found(r[k]), 0);
      const checked = `${plural(r.conversationsChecked, 'conversation vérifiée', 'conversations vérifiées')} : ${
        problems === 0 ? 'aucune incohérence trouvée' : plural(problems, 'incohérence trouvée', 'incohérences trouvées')
      }`;
      // `repaired`: null on a dry run; else what was put right, per kind.
      const repaired =
        typeof r.repaired === 'object' && r.repaired !== null ? (r.repaired as Record<string, unknown>) : null;
      if (!repaired || problems === 0) return `${checked}.`;
      const fixed = Object.entries(repaired)
        .filter(([k]) => k !== 'countersBusy')
        .reduce((sum, [, v]) => sum + n(v), 0);
      const later = n(repaired.countersBusy)
        ? ` ; ${plural(repaired.countersBusy, 'compteur en cours d’usage, repris', 'compteurs en cours d’usage, repris')} au prochain passage`
        : '';
      return `${checked}, ${plural(fixed, 'réparation faite', 'réparations faites')}${later}.`;
    }
    case 'archive-conversations':
      return `${plural(r.archived, 'conversation archivée', 'conversations archivées')} (plus de ${fmt(r.olderThanDays)} jours).`;
    case 'purge-analytics':
      return `${plural(r.purged, 'événement de statistiques supprimé', 'événements de statistiques supprimés')} (plus de 30 jours).`;
    case 'export-results':
      return `Export des résultats prêt : ${plural(r.rows, 'ligne', 'lignes')}.`;
    case 'export-conversations':
      return `Export des conversations prêt : ${plural(r.rows, 'conversation', 'conversations')}.`;
    case 'assign-examiners':
      return `${plural(r.created, 'attribution créée', 'attributions créées')} pour ${plural(r.submissions, 'soumission', 'soumissions')} et ${plural(r.examiners, 'examinateur', 'examinateurs')} (${fmt(r.examinersPerSubmission)} par soumission).`;
    case 'import-users':
      return `${plural(r.rows, 'ligne lue', 'lignes lues')} : ${plural(r.created, 'compte créé', 'comptes créés')}.`;
    case 'rerun-verifications': {
      const stopped = [
        n(r.budgetEpuise) ? plural(r.budgetEpuise, 'arrêtée par le budget', 'arrêtées par le budget') : '',
        n(r.echecs) ? plural(r.echecs, 'en échec', 'en échec') : '',
        n(r.reprises)
          ? plural(r.reprises, 'reprise plus tard (fournisseur occupé)', 'reprises plus tard (fournisseur occupé)')
          : '',
      ].filter(Boolean);
      return `${plural(r.total, 'soumission vérifiée', 'soumissions vérifiées')} : ${plural(r.terminees, 'terminée', 'terminées')}${stopped.length ? `, ${stopped.join(', ')}` : ''}.`;
    }
    default:
      return 'Tâche terminée.';
  }
}
