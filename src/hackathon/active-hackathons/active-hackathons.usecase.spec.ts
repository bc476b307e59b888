import { aHackathon } from '../../../test/support/builders/hackathon.builder';
import { ActiveHackathonsCache, CachedRead } from '../active-hackathons.cache';
import { HackathonRepository, HackathonView } from '../hackathon.repository';
import { FixedClock } from '../../../test/support/builders';
import { ActiveHackathonsUseCase } from './active-hackathons.usecase';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const HOUR = 3600_000;
const ADMIN_CALLER = { id: 'a'.repeat(24), email: 'admin@test.example', role: 'admin' as const };

const running = aHackathon(NOW)
  .runningAt(NOW, HOUR, 2 * HOUR)
  .buildView({ statut: 'En cours' }) as HackathonView;
const later = aHackathon(NOW).startingAfter(NOW, HOUR).buildView({ statut: 'En cours' }) as HackathonView;

function setup(read: CachedRead) {
  const repo = { findRunningNotEnded: jest.fn(async () => [later, running]) };
  const cache = { read: jest.fn(async () => read), write: jest.fn(async () => undefined) };
  const clock = new FixedClock(NOW);
  const useCase = new ActiveHackathonsUseCase(
    repo as unknown as HackathonRepository,
    cache as unknown as ActiveHackathonsCache,
    clock,
  );
  return { repo, cache, clock, useCase };
}

describe('ActiveHackathonsUseCase', () => {
  it('on a miss, reads the database and stores the list under the generation read before', async () => {
    const { repo, cache, useCase } = setup({ generation: '7' });
    await expect(useCase.execute(ADMIN_CALLER)).resolves.toEqual({ items: [running] });
    expect(repo.findRunningNotEnded).toHaveBeenCalledWith(NOW);
    expect(cache.write).toHaveBeenCalledWith('7', [later, running]);
  });

  it('on a hit, does not touch the database', async () => {
    const { repo, cache, useCase } = setup({ generation: '7', items: [later, running] });
    await expect(useCase.execute(ADMIN_CALLER)).resolves.toEqual({ items: [running] });
    expect(repo.findRunningNotEnded).not.toHaveBeenCalled();
    expect(cache.write).not.toHaveBeenCalled();
  });

  it('filters a cached list by the current time: one that has ended leaves, one that has started comes in', async () => {
    const { clock, useCase } = setup({ generation: '7', items: [later, running] });
    clock.advance(HOUR + 1);
    await expect(useCase.execute(ADMIN_CALLER)).resolves.toEqual({ items: [later, running] });
    clock.advance(HOUR);
    await expect(useCase.execute(ADMIN_CALLER)).resolves.toEqual({ items: [later] });
  });

  it('without Redis (no generation), reads the database and stores nothing', async () => {
    const { repo, cache, useCase } = setup({});
    await expect(useCase.execute(ADMIN_CALLER)).resolves.toEqual({ items: [running] });
    expect(repo.findRunningNotEnded).toHaveBeenCalled();
    expect(cache.write).not.toHaveBeenCalled();
  });
});
