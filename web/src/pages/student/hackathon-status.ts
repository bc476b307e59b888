import type { Schema } from '@prompt-challenge/api-client';

export type Hackathon = Schema<'HackathonView'>;

/** Whether a student may write in it now: `Test` or `En cours`, and within its dates. */
export function isOpen(h: Pick<Hackathon, 'statut' | 'dates'>, now: Date = new Date()): boolean {
  if (h.statut !== 'Test' && h.statut !== 'En cours') return false;
  const t = now.getTime();
  return new Date(h.dates.debut).getTime() <= t && t <= new Date(h.dates.fin).getTime();
}

/** The hackathons a student's list shows: never a draft; open ones first, then the newest. */
export function forStudent(items: Hackathon[], now: Date = new Date()): Hackathon[] {
  return items
    .filter((h) => h.statut !== 'Brouillon')
    .sort((a, b) => {
      const open = Number(isOpen(b, now)) - Number(isOpen(a, now));
      return open !== 0 ? open : b.dates.debut.localeCompare(a.dates.debut);
    });
}

/** A few words on where it stands, for the badge beside its status. */
export function availability(h: Pick<Hackathon, 'statut' | 'dates'>, now: Date = new Date()): string {
  if (isOpen(h, now)) return 'Ouvert';
  if (h.statut === 'Test' || h.statut === 'En cours')
    return new Date(h.dates.debut).getTime() > now.getTime() ? 'Pas encore commencé' : 'Fermé';
  return 'Fermé';
}
