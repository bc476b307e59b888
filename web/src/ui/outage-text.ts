import { SERVICE_AWAY } from '../api/errors';
import type { OutageWait } from '../api/outage';

/**
 * What the page says while it waits for the service to come back (api/outage.ts): that it is
 * away a moment (or, after a `429 RATE_LIMITED`, that many requests came at once), when the next try leaves, and — for a prompt or a final version waiting — that
 * it is not lost. `now` and the time zone of the person's browser give the clock time.
 */
export function outageText(wait: OutageWait, now: number = Date.now()): { title: string; next: string; kept?: string } {
  const seconds = Math.max(1, Math.ceil((wait.retryAt - now) / 1000));
  const at = new Date(wait.retryAt).toLocaleTimeString('fr-FR', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return {
    title:
      wait.cause === 'trop-de-demandes'
        ? 'Beaucoup de demandes en même temps : le serveur demande à cette page de patienter un peu.'
        : SERVICE_AWAY,
    next: `Nouvel essai automatique dans ${seconds} seconde${seconds > 1 ? 's' : ''} (à ${at}), essai ${wait.attempt} sur ${wait.of}.`,
    kept:
      wait.what === 'envoi'
        ? 'Ce que vous avez envoyé n’est pas perdu : il repartira tout seul, sans être compté deux fois.'
        : undefined,
  };
}
