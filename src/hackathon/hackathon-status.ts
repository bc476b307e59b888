/** docs/data-model.md §5.4: the five statuses of a hackathon, with their exact spelling. */
export const STATUTS = ['Brouillon', 'Test', 'En cours', 'Terminé', 'Archivé'] as const;
export type HackathonStatut = (typeof STATUTS)[number];

/**
 * docs/data-model.md §5.4's transition table, exactly (invariant 6). Nothing else is allowed: no way back
 * from `En cours`, nothing out of `Archivé`.
 */
export const STATUS_TRANSITIONS: Readonly<Record<HackathonStatut, readonly HackathonStatut[]>> = {
  Brouillon: ['En cours', 'Test'],
  Test: ['En cours', 'Brouillon'],
  'En cours': ['Terminé'],
  Terminé: ['Archivé'],
  Archivé: [],
};

export function isStatut(value: unknown): value is HackathonStatut {
  return typeof value === 'string' && (STATUTS as readonly string[]).includes(value);
}

export function canTransition(from: HackathonStatut, to: HackathonStatut): boolean {
  return STATUS_TRANSITIONS[from]?.includes(to) ?? false;
}

export function allowedTargets(from: HackathonStatut): readonly HackathonStatut[] {
  return STATUS_TRANSITIONS[from] ?? [];
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

const BY_FOLDED = new Map<string, HackathonStatut>(STATUTS.map((s) => [fold(s), s]));

/**
 * A statut as clients may type it (`en_cours`, `TERMINE`, `archivé`) read as its canonical
 * spelling; `undefined` for anything else.
 */
export function parseStatut(value: unknown): HackathonStatut | undefined {
  if (typeof value !== 'string') return undefined;
  return BY_FOLDED.get(fold(value));
}
