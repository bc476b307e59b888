import type { InvitationFacts } from './user.repository';

export type InvitationStatut = 'en_attente' | 'acceptee' | 'expiree';

/** Where a user's invitation stands, as the users list shows it. */
export interface InvitationStatusValue {
  statut: InvitationStatut;
  envoyeeLe: string;
  accepteeLe: string | null;
  /** When the link stops working (null once accepted). */
  expireLe: string | null;
}

/**
 * The state of the last invitation: `acceptee` once the user signed in through a mailed link
 * after it, else `expiree` past the link's expiry, else `en_attente` (the link may not be made
 * yet: the mail worker makes it, so its expiry is counted from the sending then). Null for a
 * user never invited (created with a password).
 */
export function invitationStatusOf(
  facts: InvitationFacts | null,
  now: Date,
  ttlMs: number,
): InvitationStatusValue | null {
  if (!facts) return null;
  // An invitation from before invitations were recorded has only its link: sent one lifetime before it ends.
  const sentAt = facts.sentAt ?? new Date((facts.linkExpiresAt?.getTime() ?? now.getTime()) - ttlMs);
  if (facts.acceptedAt) {
    return {
      statut: 'acceptee',
      envoyeeLe: sentAt.toISOString(),
      accepteeLe: facts.acceptedAt.toISOString(),
      expireLe: null,
    };
  }
  const expiresAt = facts.linkExpiresAt ?? new Date(sentAt.getTime() + ttlMs);
  return {
    statut: expiresAt.getTime() <= now.getTime() ? 'expiree' : 'en_attente',
    envoyeeLe: sentAt.toISOString(),
    accepteeLe: null,
    expireLe: expiresAt.toISOString(),
  };
}
