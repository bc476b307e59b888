import { describe, expect, it } from 'vitest';
import { availability, forStudent, isOpen, type Hackathon } from './hackathon-status';

const now = new Date('2026-12-02T12:00:00Z');
const h = (id: string, statut: Hackathon['statut'], debut: string, fin: string) =>
  ({ id, statut, dates: { debut, fin, archiveLe: null } }) as Hackathon;

describe('hackathons for a student', () => {
  const running = h('a', 'En cours', '2026-12-01T00:00:00Z', '2026-12-03T00:00:00Z');
  const test = h('b', 'Test', '2026-11-30T00:00:00Z', '2026-12-03T00:00:00Z');
  const future = h('c', 'En cours', '2026-12-10T00:00:00Z', '2026-12-11T00:00:00Z');
  const done = h('d', 'Terminé', '2026-12-02T00:00:00Z', '2026-12-02T10:00:00Z');
  const draft = h('e', 'Brouillon', '2026-12-01T00:00:00Z', '2026-12-03T00:00:00Z');

  it('opens Test and En cours within their dates only', () => {
    expect(isOpen(running, now)).toBe(true);
    expect(isOpen(test, now)).toBe(true);
    expect(isOpen(future, now)).toBe(false);
    expect(isOpen(done, now)).toBe(false);
    expect(isOpen(draft, now)).toBe(false);
  });

  it('never lists a draft, and lists the open ones first', () => {
    expect(forStudent([done, draft, future, test, running], now).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('says where each stands', () => {
    expect(availability(running, now)).toBe('Ouvert');
    expect(availability(future, now)).toBe('Pas encore commencé');
    expect(availability(done, now)).toBe('Fermé');
  });
});
