/** The state of checks (a submission's, a try's) in French. */
export function statutWords(statut: 'en_attente' | 'terminee' | 'budget_epuise' | 'echec'): string {
  switch (statut) {
    case 'en_attente':
      return 'En cours';
    case 'terminee':
      return 'Terminée';
    case 'budget_epuise':
      return 'Arrêtée : budget de vérification épuisé';
    case 'echec':
      return 'Échec du fournisseur d’IA';
  }
}

/** A score 0–1 as a French percentage (« 66,7 % »); « — » without one. */
export function scoreWords(score: number | null | undefined): string {
  if (score === null || score === undefined) return '—';
  return `${(score * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`;
}
