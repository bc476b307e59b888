import { describe, expect, it } from 'vitest';
import { outageText } from './outage-text';

describe('what the page says while the service is away', () => {
  const now = Date.parse('2026-12-07T20:40:00Z');
  it('says it is a passing incident, when the next try leaves (in seconds and clock time) and which try', () => {
    const t = outageText({ retryAt: now + 5000, attempt: 1, of: 3, what: 'lecture' }, now);
    expect(t.title).toBe(
      'Le service est momentanément indisponible (un incident passager de notre côté, pas de votre connexion).',
    );
    expect(t.next).toMatch(/^Nouvel essai automatique dans 5 secondes \(à \d\d:\d\d:05\), essai 1 sur 3\.$/);
    expect(t.kept).toBeUndefined();
  });

  it('a prompt or a final version waiting is said not lost, nor counted twice', () => {
    const t = outageText({ retryAt: now + 400, attempt: 3, of: 3, what: 'envoi' }, now);
    expect(t.next).toMatch(/^Nouvel essai automatique dans 1 seconde \(/);
    expect(t.kept).toBe(
      'Ce que vous avez envoyé n’est pas perdu : il repartira tout seul, sans être compté deux fois.',
    );
  });

  it('after a 429 RATE_LIMITED: many requests at once, not an outage; the same next try', () => {
    const t = outageText({ retryAt: now + 30_000, attempt: 1, of: 3, what: 'lecture', cause: 'trop-de-demandes' }, now);
    expect(t.title).toBe('Beaucoup de demandes en même temps : le serveur demande à cette page de patienter un peu.');
    expect(t.title).not.toMatch(/indisponible/);
    expect(t.next).toMatch(/^Nouvel essai automatique dans 30 secondes \(à \d\d:\d\d:30\), essai 1 sur 3\.$/);
    expect(t.kept).toBeUndefined();
    const sent = outageText({ retryAt: now + 2000, attempt: 2, of: 3, what: 'envoi', cause: 'trop-de-demandes' }, now);
    expect(sent.kept).toBe(
      'Ce que vous avez envoyé n’est pas perdu : il repartira tout seul, sans être compté deux fois.',
    );
  });
});
