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

/**
 * One sentence under each button: what the move means for the class (docs/contexts/hackathon.md,
 * "What each status means"; students work in `Test` and `En cours` alike, between the dates).
 */
export const TRANSITION_HINTS: Readonly<Record<Statut, string>> = {
  Test: 'Passer en test : pour une répétition — les étudiants qui y ont accès peuvent déjà y travailler pendant ses dates, et vous pourrez le repasser en brouillon pour corriger ce qui ne va pas.',
  'En cours':
    'Ouvrir aux étudiants : pour la séance réelle — les étudiants y travaillent pendant ses dates, et il ne pourra plus revenir en brouillon, seulement être terminé.',
  Brouillon: 'Repasser en brouillon : les étudiants ne le voient plus, le temps de le modifier.',
  Terminé:
    'Terminer le hackathon : plus personne ne peut envoyer de prompt ni soumettre ; vous pourrez ensuite attribuer les copies aux examinateurs.',
  Archivé: 'Archiver : le range définitivement ; plus de notation ni de publication des résultats.',
};

/** The moves that cannot be undone, so the page asks first (ConfirmDialog). */
export const IRREVERSIBLE: ReadonlySet<Statut> = new Set<Statut>(['En cours', 'Terminé', 'Archivé']);

export interface Transition {
  to: Statut;
  label: string;
  hint: string;
}

/** The moves allowed from `from`, with their button labels, in the server's order. */
export function allowedTransitions(from: Statut): Transition[] {
  return (STATUS_TRANSITIONS[from] ?? []).map((to) => ({
    to,
    label: TRANSITION_LABELS[to],
    hint: TRANSITION_HINTS[to],
  }));
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
