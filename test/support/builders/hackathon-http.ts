/** A hackathon body for POST /hackathons (e2e), open now unless dates say otherwise. */
export function anOpenHackathonBody(overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    nom: `Hackathon ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Un hackathon de test',
    objectifs: 'Apprendre le prompt engineering',
    dates: { debut: new Date(now - 3600_000).toISOString(), fin: new Date(now + 86400_000).toISOString() },
    anonymatActif: false,
    quotas: { promptsParEtudiant: 30, tokensParEtudiant: 100000 },
    taches: ['Génération de code Python', 'Rédaction technique assistée'],
    ...overrides,
  };
}
