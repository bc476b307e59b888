import { describe, expect, it } from 'vitest';
import { canResend, invitationCounts, invitationOf, invitationWords } from './invitations';

const user = (id: string, invitation?: unknown) => (invitation === undefined ? { id } : { id, invitation });
const day = (iso: string) => iso.slice(0, 10);

describe('invitations on the users page (API 1.2 `invitation`)', () => {
  it('reads the state and the sending date when the server gives them', () => {
    expect(invitationOf(user('a', { statut: 'en_attente', envoyeeLe: '2026-03-02T08:00:00Z' }))).toEqual({
      state: 'en_attente',
      sentAt: '2026-03-02T08:00:00Z',
    });
    expect(invitationOf(user('a', null)).state).toBe('aucune');
    expect(invitationOf(user('a')).state).toBe('inconnue');
  });

  it('says the state in French', () => {
    const words = (invitation: unknown) => invitationWords(invitationOf(user('a', invitation)), day);
    expect(words({ statut: 'en_attente', envoyeeLe: '2026-03-02T08:00:00Z' })).toBe(
      'En attente, envoyée le 2026-03-02',
    );
    expect(words({ statut: 'expiree', envoyeeLe: '2026-03-02T08:00:00Z' })).toBe('Expirée, envoyée le 2026-03-02');
    expect(words({ statut: 'acceptee', envoyeeLe: '2026-03-02T08:00:00Z' })).toBe('Acceptée');
    expect(words(null)).toBe('Sans invitation (mot de passe créé)');
    expect(words(undefined)).toBe('—');
  });

  it('offers to re-send only a pending or expired invitation, never on one’s own row', () => {
    expect(canResend(user('a', { statut: 'en_attente' }), 'me')).toBe(true);
    expect(canResend(user('a', { statut: 'expiree' }), 'me')).toBe(true);
    expect(canResend(user('a', { statut: 'acceptee' }), 'me')).toBe(false);
    expect(canResend(user('a', null), 'me')).toBe(false);
    expect(canResend(user('me', { statut: 'en_attente' }), 'me')).toBe(false);
  });

  it('offers it on every other row while the server does not say (today’s API)', () => {
    expect(canResend(user('a'), 'me')).toBe(true);
    expect(canResend(user('me'), 'me')).toBe(false);
  });

  it('counts accepted, pending and expired invitations, or nothing when unknown', () => {
    expect(
      invitationCounts([
        user('a', { statut: 'acceptee' }),
        user('b', { statut: 'en_attente' }),
        user('c', { statut: 'en_attente' }),
        user('d', { statut: 'expiree' }),
        user('e', null),
      ]),
    ).toEqual({ accepted: 1, pending: 2, expired: 1 });
    expect(invitationCounts([user('a'), user('b')])).toBeNull();
  });
});
