import { parseAiModels } from '../../../config/ai-models';
import { AiModelCatalog } from '../../../libs/ai-providers';
import { aHackathon } from '../../../test/support/builders/hackathon.builder';
import { ActiveHackathonsCache } from '../active-hackathons.cache';
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
    expect(patch.taches?.map(({ id, titre }) => ({ id, titre }))).toEqual([
      { id: before.taches[1].id, titre: 'chatbot' },
      { id: before.taches[0].id, titre: 'Analyse IA' },
      { id: expect.stringMatching(/^[0-9a-f]{24}$/), titre: 'Nouvelle' },
    ]);
  });
});

describe('UpdateHackathonUseCase', () => {
  function setup(found: HackathonView | null) {
    const repo = {
      // The repository's contract: `decide` sees the stored hackathon; its patch is written.
      edit: jest.fn(async (_id: string, decide: (before: HackathonView) => HackathonPatch) => {
        if (!found) return null;
        const patch = decide(found);
        return { ...found, ...(patch.nom ? { nom: patch.nom } : {}) };
      }),
    };
    const cache = { invalidate: jest.fn(async () => undefined) };
    const useCase = new UpdateHackathonUseCase(
      repo as unknown as HackathonRepository,
      cache as unknown as ActiveHackathonsCache,
      new AiModelCatalog(parseAiModels(undefined)),
    );
    return { repo, cache, useCase };
  }

  it('writes through the repository’s edit and invalidates the active list', async () => {
    const { repo, cache, useCase } = setup(before);
    await expect(useCase.execute(before.id, { nom: 'Renommé' })).resolves.toMatchObject({ nom: 'Renommé' });
    expect(repo.edit).toHaveBeenCalledWith(before.id, expect.any(Function));
    expect(cache.invalidate).toHaveBeenCalledTimes(1);
  });

  it('an empty patch writes nothing and answers the hackathon as it is', async () => {
    const { cache, useCase } = setup(before);
    await expect(useCase.execute(before.id, {})).resolves.toEqual(before);
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
