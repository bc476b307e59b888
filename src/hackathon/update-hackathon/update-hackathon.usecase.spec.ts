import { aHackathon } from '../../../test/support/builders/hackathon.builder';
import { ActiveHackathonsCache } from '../active-hackathons.cache';
import { HackathonWriteLock } from '../hackathon-write-lock';
import { HackathonPatch, HackathonRepository, HackathonView } from '../hackathon.repository';
import { toHackathonPatch, UpdateHackathonUseCase } from './update-hackathon.usecase';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const before = aHackathon(NOW)
  .between('2025-03-10T08:00:00.000Z', '2025-03-12T18:00:00.000Z')
  .withTaches('Analyse', 'Chatbot')
  .buildView({ statut: 'En cours' }) as HackathonView;

describe('toHackathonPatch', () => {
  it('keeps only the fields given', () => {
    expect(toHackathonPatch({ nom: 'Nouveau' }, before)).toEqual({ nom: 'Nouveau' });
    expect(toHackathonPatch({}, before)).toEqual({});
    expect(toHackathonPatch({ anonymatActif: false }, before)).toEqual({ anonymatActif: false });
  });

  it('accepts partial quotas', () => {
    expect(toHackathonPatch({ quotas: { tokensParEtudiant: 500 } }, before)).toEqual({
      quotas: { tokensParEtudiant: 500 },
    });
  });

  it('checks a new fin against the stored debut, and a new debut against the stored fin', () => {
    expect(toHackathonPatch({ dates: { fin: '2025-03-20T00:00:00.000Z' } }, before)).toEqual({
      dates: { fin: new Date('2025-03-20T00:00:00.000Z') },
    });
    for (const dates of [
      { fin: '2025-03-10T08:00:00.000Z' },
      { fin: '2025-03-01T00:00:00.000Z' },
      { debut: '2025-03-12T18:00:00.000Z' },
      { debut: '2025-04-01T00:00:00.000Z' },
    ]) {
      expect(() => toHackathonPatch({ dates }, before)).toThrow(
        expect.objectContaining({ status: 400, code: 'VALIDATION_FAILED' }),
      );
    }
  });

  it('keeps task ids when titles come back and gives new ones otherwise', () => {
    const patch = toHackathonPatch(
      { taches: ['chatbot', { id: before.taches[0].id, titre: 'Analyse IA' }, 'Nouvelle'] },
      before,
    );
    expect(patch.taches).toEqual([
      { id: before.taches[1].id, titre: 'chatbot' },
      { id: before.taches[0].id, titre: 'Analyse IA' },
      { id: expect.stringMatching(/^[0-9a-f]{24}$/), titre: 'Nouvelle' },
    ]);
  });
});

describe('UpdateHackathonUseCase', () => {
  function setup(found: HackathonView | null) {
    const repo = {
      findById: jest.fn(async () => found),
      update: jest.fn(async (_id: string, patch: HackathonPatch) => ({
        ...found!,
        ...(patch.nom ? { nom: patch.nom } : {}),
      })),
    };
    const lock = { run: jest.fn((_id: string, work: () => Promise<unknown>) => work()) };
    const cache = { invalidate: jest.fn(async () => undefined) };
    const useCase = new UpdateHackathonUseCase(
      repo as unknown as HackathonRepository,
      lock as unknown as HackathonWriteLock,
      cache as unknown as ActiveHackathonsCache,
    );
    return { repo, lock, cache, useCase };
  }

  it('writes under the lock and invalidates the active list', async () => {
    const { repo, lock, cache, useCase } = setup(before);
    await expect(useCase.execute(before.id, { nom: 'Renommé' })).resolves.toMatchObject({ nom: 'Renommé' });
    expect(lock.run).toHaveBeenCalledWith(before.id, expect.any(Function));
    expect(repo.update).toHaveBeenCalledWith(before.id, { nom: 'Renommé' });
    expect(cache.invalidate).toHaveBeenCalledTimes(1);
  });

  it('an empty patch writes nothing and answers the hackathon as it is', async () => {
    const { repo, cache, useCase } = setup(before);
    await expect(useCase.execute(before.id, {})).resolves.toEqual(before);
    expect(repo.update).not.toHaveBeenCalled();
    expect(cache.invalidate).not.toHaveBeenCalled();
  });

  it('answers 404 HACKATHON_NOT_FOUND for an unknown hackathon', async () => {
    const { useCase } = setup(null);
    await expect(useCase.execute('c'.repeat(24), { nom: 'x' })).rejects.toMatchObject({
      status: 404,
      code: 'HACKATHON_NOT_FOUND',
    });
  });
});
