import type { Schema } from '@prompt-challenge/api-client';

export type Statut = Schema<'HackathonView'>['statut'];

/**
 * A copy of the server's table, src/hackathon/hackathon-status.ts STATUS_TRANSITIONS
 * (docs/data-model.md §5.4), kept the same by src/web-client-copies.spec.ts. The page offers only these moves.
 */
export const STATUS_TRANSITIONS: Readonly<Record<Statut, readonly Statut[]>> = {
  Brouillon: ['En cours', 'Test'],
  Test: ['En cours', 'Brouillon'],
  'En cours': ['Terminé'],
  Terminé: ['Archivé'],
  Archivé: [],
};

/** What the button moving a hackathon to a status says. */
export const TRANSITION_LABELS: Readonly<Record<Statut, string>> = {
  'En cours': 'Ouvrir aux étudiants',
  Test: 'Passer en test',
  Brouillon: 'Repasser en brouillon',
  Terminé: 'Terminer le hackathon',
  Archivé: 'Archiver',
};

export interface Transition {
  to: Statut;
  label: string;
}

/** The moves allowed from `from`, with their button labels, in the server's order. */
export function allowedTransitions(from: Statut): Transition[] {
  return (STATUS_TRANSITIONS[from] ?? []).map((to) => ({ to, label: TRANSITION_LABELS[to] }));
}

/** The badge class of a status. */
export function statusBadge(statut: Statut): string {
  switch (statut) {
    case 'En cours':
      return 'badge badge-ok';
    case 'Test':
      return 'badge badge-warn';
    default:
      return 'badge';
  }
}
