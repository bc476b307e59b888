import { AppConfig } from '../../config/env.schema';
import { ActiveHackathonsCache } from './active-hackathons.cache';
import { ParticipationReads } from './participation-reads';
import { aHackathon } from '../../test/support/builders/hackathon.builder';
import { AppError } from '../../libs/http';
import { FixedClock } from '../../test/support/builders';
import { HackathonStatut } from './hackathon-status';
import { assertOpen, HackathonCatalog, participationOf } from './hackathon-catalog.service';
import { HackathonRepository, HackathonView } from './hackathon.repository';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const HOUR = 3600_000;

const view = (statut: HackathonStatut, when: 'running' | 'future' | 'past' = 'running'): HackathonView => {
  const b = aHackathon(NOW);
  if (when === 'future') b.startingAfter(NOW, HOUR);
  if (when === 'past') b.endedBefore(NOW, HOUR);
  return b.buildView({ statut }) as HackathonView;
};

describe('participationOf (who may work in a hackathon, now)', () => {
  // [statut, dates, asAdmin, open, closedReason, countsUsage, readOnly]
  it.each([
    ['En cours', 'running', false, true, null, true, false],
    ['En cours', 'running', true, true, null, true, false],
    ['En cours', 'future', false, false, 'NOT_STARTED', true, false],
    ['En cours', 'past', false, false, 'ENDED', true, false],
    ['En cours', 'past', true, false, 'ENDED', true, false],
    // docs/api.md 1.1: a Test hackathon is open to students within its dates (a trial run with the class).
    ['Test', 'running', false, true, null, true, false],
    ['Test', 'future', false, false, 'NOT_STARTED', true, false],
    ['Test', 'running', true, true, null, false, false],
    ['Test', 'future', true, true, null, false, false],
    ['Brouillon', 'running', false, false, 'STATUT', true, false],
    ['Brouillon', 'running', true, false, 'STATUT', true, false],
    ['Terminé', 'running', false, false, 'STATUT', true, true],
    ['Archivé', 'past', true, false, 'STATUT', true, true],
  ] as const)(
    '%s, %s, asAdmin=%s → open=%s (%s), countsUsage=%s, readOnly=%s',
    (statut, when, asAdmin, open, reason, countsUsage, readOnly) => {
      const p = participationOf(view(statut, when), NOW, { asAdmin });
      expect(p).toEqual(expect.objectContaining({ statut, open, closedReason: reason, countsUsage, readOnly }));
    },
  );

  it('is open at the exact start and end instants', () => {
    const h = aHackathon(NOW)
      .between(NOW, new Date(NOW.getTime() + HOUR))
      .buildView({ statut: 'En cours' }) as HackathonView;
    expect(participationOf(h, NOW).open).toBe(true);
    expect(participationOf(h, new Date(NOW.getTime() + HOUR)).open).toBe(true);
    expect(participationOf(h, new Date(NOW.getTime() + HOUR + 1)).open).toBe(false);
    expect(participationOf(h, new Date(NOW.getTime() - 1)).open).toBe(false);
  });

  it('closes a liste hackathon to a student off its roster, and applies a student’s own quotas', () => {
    const h = aHackathon(NOW).withQuotas(10, 2000).buildView({ statut: 'En cours', acces: 'liste' }) as HackathonView;
    expect(participationOf(h, NOW, {}, null).participant).toBe(false);
    const own = { studentId: 'x', onRoster: true, promptsParEtudiant: 25, tokensParEtudiant: null };
    const p = participationOf(h, NOW, {}, own);
    expect(p.participant).toBe(true);
    expect(p.quotas).toEqual({ promptsParEtudiant: 25, tokensParEtudiant: 2000 });
    expect(participationOf(h, NOW, { asAdmin: true }, null).participant).toBe(true);
  });

  it('carries quotas, tasks, anonymity and dates', () => {
    const h = aHackathon(NOW)
      .withQuotas(10, 2000)
      .withTaches('A', 'B')
      .anonymous()
      .buildView({ statut: 'En cours' }) as HackathonView;
    const p = participationOf(h, NOW);
    expect(p.quotas).toEqual({ promptsParEtudiant: 10, tokensParEtudiant: 2000 });
    expect(p.taches.map((t) => t.titre)).toEqual(['A', 'B']);
    expect(p.taches.map((t) => t.id)).toEqual(h.taches.map((t) => t.id));
    expect(p.anonymatActif).toBe(true);
    expect(p.dates).toEqual(h.dates);
  });

  it('assertOpen throws 409 HACKATHON_NOT_OPEN with a French message when closed', () => {
    expect(() => assertOpen(participationOf(view('En cours'), NOW))).not.toThrow();
    try {
      assertOpen(participationOf(view('Terminé'), NOW));
      throw new Error('expected HACKATHON_NOT_OPEN');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 409, code: 'HACKATHON_NOT_OPEN' });
      expect((err as AppError).message).toMatch(/n’est pas ouvert/);
    }
  });
});

describe('HackathonCatalog', () => {
  const running = view('En cours');
  const repo = {
    findById: jest.fn(async (id: string) => (id === running.id ? running : null)),
    findSummaries: jest.fn(async (ids: string[]) =>
      ids.map((id) => ({ id, nom: 'x', statut: 'Brouillon', anonymatActif: false })),
    ),
  };
  const noCache = { generation: async () => undefined } as unknown as ActiveHackathonsCache;
  const reads = new ParticipationReads(repo as unknown as HackathonRepository, noCache, new FixedClock(NOW), {
    ACTIVE_HACKATHONS_CACHE_TTL_S: 30,
  } as AppConfig);
  const catalog = new HackathonCatalog(repo as unknown as HackathonRepository, reads, new FixedClock(NOW));

  it('answers the participation of a known hackathon, at the clock’s now', async () => {
    await expect(catalog.getForParticipation(running.id)).resolves.toMatchObject({ id: running.id, open: true });
    await expect(catalog.assertOpenForStudents(running.id)).resolves.toMatchObject({ id: running.id });
  });

  it('answers 404 HACKATHON_NOT_FOUND for an unknown or malformed id, without asking the database for a malformed one', async () => {
    repo.findById.mockClear();
    await expect(catalog.getForParticipation('aaaaaaaaaaaaaaaaaaaaaaaa')).rejects.toMatchObject({
      status: 404,
      code: 'HACKATHON_NOT_FOUND',
    });
    await expect(catalog.assertOpenForStudents('not-an-id')).rejects.toMatchObject({
      status: 404,
      code: 'HACKATHON_NOT_FOUND',
    });
    expect(repo.findById).toHaveBeenCalledTimes(1);
  });

  it('findSummaries drops malformed ids and duplicates', async () => {
    await catalog.findSummaries(['AAAAAAAAAAAAAAAAAAAAAAAA', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'nope']);
    expect(repo.findSummaries).toHaveBeenLastCalledWith(['aaaaaaaaaaaaaaaaaaaaaaaa']);
  });
});
