import { describe, expect, it } from 'vitest';
import { classSteps, nextStep, type ClassFacts } from './class-steps';

const nothing: ClassFacts = { hackathon: null, accounts: null, jury: null, roster: null, assigned: null };
const hackathon = (over: Partial<NonNullable<ClassFacts['hackathon']>> = {}) => ({
  id: 'h1',
  statut: 'Brouillon' as const,
  acces: 'liste' as const,
  resultatsPublies: false,
  ...over,
});
const states = (f: ClassFacts) => Object.fromEntries(classSteps(f).map((s) => [s.key, s.state]));

describe('the steps of a class', () => {
  it('before anything: every step to do, the first one leading to the new hackathon form', () => {
    const steps = classSteps(nothing);
    expect(steps.map((s) => s.title)).toEqual([
      'Créer le hackathon',
      'Créer ou importer les comptes',
      'Choisir le jury',
      'Établir la liste des participants',
      'Ouvrir aux étudiants',
      'Attribuer les copies aux examinateurs',
      'Publier les résultats',
    ]);
    expect(steps.every((s) => s.state === 'a-faire')).toBe(true);
    expect(nextStep(steps)).toMatchObject({ key: 'creer', href: '/admin/hackathons/nouveau' });
    expect(steps.map((s) => s.href)).toEqual([
      '/admin/hackathons/nouveau',
      '/admin/utilisateurs',
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('moves on as the teacher goes: created, accounts, jury, roster, opened', () => {
    const f: ClassFacts = {
      ...nothing,
      hackathon: hackathon(),
      accounts: { students: 3, examiners: 1, invitations: null },
      jury: 0,
      roster: 0,
    };
    expect(states(f)).toMatchObject({ creer: 'fait', comptes: 'fait', jury: 'a-faire', participants: 'a-faire' });
    expect(nextStep(classSteps(f))).toMatchObject({ key: 'jury', href: '/admin/hackathons/h1#jury-titre' });
    const later = { ...f, jury: 1, roster: 3, hackathon: hackathon({ statut: 'En cours' }) };
    expect(states(later)).toMatchObject({ jury: 'fait', participants: 'fait', ouvrir: 'fait', attribuer: 'a-faire' });
    expect(classSteps(later).find((s) => s.key === 'participants')?.detail).toBe('3 étudiants sur la liste.');
  });

  it('needs no roster for a hackathon open to all students', () => {
    expect(states({ ...nothing, hackathon: hackathon({ acces: 'tous' }) }).participants).toBe('fait');
  });

  it('counts accepted and pending invitations once the server gives them', () => {
    const steps = classSteps({
      ...nothing,
      accounts: { students: 12, examiners: 2, invitations: { accepted: 9, pending: 4, expired: 1 } },
    });
    expect(steps[1].detail).toBe(
      '12 étudiants et 2 examinateurs ; 9 invitations acceptées sur 14, 4 en attente, 1 expirée (à renvoyer).',
    );
  });

  it('ends with copies assigned and results published', () => {
    const f = { ...nothing, hackathon: hackathon({ statut: 'Terminé', resultatsPublies: true }), assigned: 12 };
    expect(states(f)).toMatchObject({ attribuer: 'fait', publier: 'fait' });
    expect(classSteps(f).find((s) => s.key === 'attribuer')?.detail).toBe('12 copies attribuées.');
  });
});
