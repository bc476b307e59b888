/**
 * A user's invitation (API 1.2 "The class, run by a teacher alone": `GET /users` rows carry
 * `invitation: {statut, envoyeeLe}`, null for users created with a password). Today's server
 * does not send the field yet: then the state is `inconnue` and the page says nothing of it.
 */
export type InvitationState = 'en_attente' | 'acceptee' | 'expiree' | 'aucune' | 'inconnue';

export interface Invitation {
  state: InvitationState;
  sentAt: string | null;
}

const STATES = new Set(['en_attente', 'acceptee', 'expiree']);

export function invitationOf(user: object): Invitation {
  if (!('invitation' in user)) return { state: 'inconnue', sentAt: null };
  const inv = (user as { invitation: unknown }).invitation;
  if (inv === null || typeof inv !== 'object') return { state: 'aucune', sentAt: null };
  const { statut, envoyeeLe } = inv as { statut?: unknown; envoyeeLe?: unknown };
  return {
    state: typeof statut === 'string' && STATES.has(statut) ? (statut as InvitationState) : 'inconnue',
    sentAt: typeof envoyeeLe === 'string' ? envoyeeLe : null,
  };
}

/** The invitation in words for the users table; `date` formats the sending date. */
export function invitationWords(inv: Invitation, date: (iso: string) => string): string {
  const sent = inv.sentAt ? `, envoyée le ${date(inv.sentAt)}` : '';
  switch (inv.state) {
    case 'en_attente':
      return `En attente${sent}`;
    case 'expiree':
      return `Expirée${sent}`;
    case 'acceptee':
      return 'Acceptée';
    case 'aucune':
      return 'Sans invitation (mot de passe créé)';
    case 'inconnue':
      return '—';
  }
}

/**
 * Whether the page offers « Renvoyer l’invitation »: never on one's own row; only for a pending or
 * expired invitation once the server says it; on every other row while it does not (today).
 */
export function canResend(user: { id: string } & object, selfId: string | null): boolean {
  if (user.id === selfId) return false;
  const { state } = invitationOf(user);
  return state === 'en_attente' || state === 'expiree' || state === 'inconnue';
}

export interface InvitationCounts {
  accepted: number;
  pending: number;
  expired: number;
}

/** How many invitations are accepted, pending, expired among `users`; null when the server does not say (today). */
export function invitationCounts(users: readonly object[]): InvitationCounts | null {
  const states = users.map((u) => invitationOf(u).state);
  if (states.length === 0 || states.every((s) => s === 'inconnue')) return null;
  const n = (s: InvitationState) => states.filter((x) => x === s).length;
  return { accepted: n('acceptee'), pending: n('en_attente'), expired: n('expiree') };
}
