import { aHackathon } from '../../../test/support/builders/hackathon.builder';
import { ActiveHackathonsCache } from '../active-hackathons.cache';
import { HackathonStatut, STATUTS } from '../hackathon-status';
import { HackathonRepository, HackathonState, HackathonView, TransitionRecord } from '../hackathon.repository';
import { FixedClock } from '../../../test/support/builders';
import { ChangeStatusUseCase } from './change-status.usecase';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const ADMIN = 'a'.repeat(24);

/** An in-memory repository with the same contract as the real one (the unique (id, seq) log included). */
class InMemoryHackathons {
  doc: HackathonView & { statusVersion: number };
  log: TransitionRecord[] = [];
  /** Set to make the next recordTransition lose, as if another process won that number. */
  stealNext?: HackathonStatut;

  constructor(statut: HackathonStatut) {
    this.doc = { ...(aHackathon(NOW).buildView({ statut }) as HackathonView), statusVersion: 0 };
  }

  async findState(id: string): Promise<HackathonState | null> {
    if (id !== this.doc.id) return null;
    const last = this.log[this.log.length - 1];
    if (last && last.seq > this.doc.statusVersion) await this.applyTransition(id, last.seq, last.to, last.at);
    return { id, statut: this.doc.statut, statusVersion: this.doc.statusVersion };
  }

  async recordTransition(t: TransitionRecord): Promise<boolean> {
    if (this.stealNext) {
      this.log.push({ ...t, to: this.stealNext, by: 'someone-else' });
      this.stealNext = undefined;
      return false;
    }
    if (this.log.some((r) => r.hackathonId === t.hackathonId && r.seq === t.seq)) return false;
    this.log.push(t);
    return true;
  }

  async applyTransition(id: string, seq: number, statut: HackathonStatut, at: Date): Promise<HackathonView | null> {
    if (id !== this.doc.id) return null;
    if (this.doc.statusVersion < seq) {
      this.doc = {
        ...this.doc,
        statut,
        statusVersion: seq,
        dates: { ...this.doc.dates, archiveLe: statut === 'Archivé' ? at.toISOString() : this.doc.dates.archiveLe },
      };
    }
    const { statusVersion: _v, ...view } = this.doc;
    return view;
  }
}

function setup(statut: HackathonStatut) {
  const repo = new InMemoryHackathons(statut);
  const cache = { invalidate: jest.fn(async () => undefined) };
  const useCase = new ChangeStatusUseCase(
    repo as unknown as HackathonRepository,
    cache as unknown as ActiveHackathonsCache,
    new FixedClock(NOW),
  );
  return { repo, cache, useCase };
}

const ALLOWED = new Set([
  'Brouillon>En cours',
  'Brouillon>Test',
  'Test>En cours',
  'Test>Brouillon',
  'En cours>Terminé',
  'Terminé>Archivé',
]);
const PAIRS = STATUTS.flatMap((from) => STATUTS.map((to) => [from, to, ALLOWED.has(`${from}>${to}`)] as const));

describe('ChangeStatusUseCase', () => {
  it.each(PAIRS)('%s → %s: allowed %s', async (from, to, allowed) => {
    const { repo, useCase, cache } = setup(from);
    const run = useCase.execute(repo.doc.id, to, ADMIN);
    if (allowed) {
      await expect(run).resolves.toMatchObject({ id: repo.doc.id, statut: to });
      expect(repo.log).toEqual([{ hackathonId: repo.doc.id, seq: 1, from, to, by: ADMIN, at: NOW }]);
      expect(cache.invalidate).toHaveBeenCalledTimes(1);
    } else {
      await expect(run).rejects.toMatchObject({ status: 409, code: 'INVALID_STATUS_TRANSITION' });
      expect(repo.log).toEqual([]);
      expect(repo.doc.statut).toBe(from);
      expect(cache.invalidate).not.toHaveBeenCalled();
    }
  });

  it('archiving sets dates.archiveLe to now; other transitions leave it null', async () => {
    const ended = setup('Terminé');
    await expect(ended.useCase.execute(ended.repo.doc.id, 'Archivé', ADMIN)).resolves.toMatchObject({
      dates: expect.objectContaining({ archiveLe: NOW.toISOString() }),
    });
    const draft = setup('Brouillon');
    await expect(draft.useCase.execute(draft.repo.doc.id, 'En cours', ADMIN)).resolves.toMatchObject({
      dates: expect.objectContaining({ archiveLe: null }),
    });
  });

  it('numbers transitions one after the other', async () => {
    const { repo, useCase } = setup('Brouillon');
    await useCase.execute(repo.doc.id, 'Test', ADMIN);
    await useCase.execute(repo.doc.id, 'Brouillon', ADMIN);
    await useCase.execute(repo.doc.id, 'En cours', ADMIN);
    expect(repo.log.map((r) => [r.seq, r.from, r.to])).toEqual([
      [1, 'Brouillon', 'Test'],
      [2, 'Test', 'Brouillon'],
      [3, 'Brouillon', 'En cours'],
    ]);
  });

  it('loses with 409 when another process recorded that transition number first, and rolls the document forward to it', async () => {
    const { repo, useCase } = setup('Brouillon');
    repo.stealNext = 'Test';
    await expect(useCase.execute(repo.doc.id, 'En cours', ADMIN)).rejects.toMatchObject({
      status: 409,
      code: 'INVALID_STATUS_TRANSITION',
    });
    expect(repo.doc.statut).toBe('Test');
    expect(repo.doc.statusVersion).toBe(1);
  });

  it('rolls forward a transition recorded but never applied (process died in between) before deciding', async () => {
    const { repo, useCase } = setup('Brouillon');
    repo.log.push({ hackathonId: repo.doc.id, seq: 1, from: 'Brouillon', to: 'En cours', by: ADMIN, at: NOW });
    // The document still says Brouillon; the log says En cours: Brouillon → Test must be refused.
    await expect(useCase.execute(repo.doc.id, 'Test', ADMIN)).rejects.toMatchObject({
      code: 'INVALID_STATUS_TRANSITION',
    });
    await expect(useCase.execute(repo.doc.id, 'Terminé', ADMIN)).resolves.toMatchObject({ statut: 'Terminé' });
    expect(repo.log.map((r) => r.seq)).toEqual([1, 2]);
  });

  it('answers 404 HACKATHON_NOT_FOUND for an unknown hackathon', async () => {
    const { useCase } = setup('Brouillon');
    await expect(useCase.execute('b'.repeat(24), 'Test', ADMIN)).rejects.toMatchObject({
      status: 404,
      code: 'HACKATHON_NOT_FOUND',
    });
  });
});
