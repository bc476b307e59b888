import { AppConfig } from '../../config/env.schema';
import { FixedClock } from '../../test/support/builders';
import { ActiveHackathonsCache } from './active-hackathons.cache';
import { HackathonRepository } from './hackathon.repository';
import { ParticipationReads } from './participation-reads';

const H = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const S = 'bbbbbbbbbbbbbbbbbbbbbbbb';

function setup() {
  let generation: string | undefined = '7';
  const repo = {
    findById: jest.fn(async () => ({ id: H, nom: 'x' })),
    participantOf: jest.fn(async () => ({ studentId: S, onRoster: true })),
  };
  const cache = { generation: async () => generation } as unknown as ActiveHackathonsCache;
  const clock = new FixedClock(new Date('2026-12-07T10:00:00Z'));
  const reads = new ParticipationReads(repo as unknown as HackathonRepository, cache, clock, {
    ACTIVE_HACKATHONS_CACHE_TTL_S: 30,
  } as AppConfig);
  return { repo, reads, clock, setGeneration: (g: string | undefined) => (generation = g) };
}

describe('ParticipationReads', () => {
  it('reads the hackathon and the roster place once while the generation of hackathon writes holds', async () => {
    const { repo, reads } = setup();
    for (let i = 0; i < 5; i++) await reads.hackathonAndParticipant(H, S);
    expect(repo.findById).toHaveBeenCalledTimes(1);
    expect(repo.participantOf).toHaveBeenCalledTimes(1);
  });

  it('reads again once a hackathon was written (the generation moved)', async () => {
    const { repo, reads, setGeneration } = setup();
    await reads.hackathonAndParticipant(H, S);
    setGeneration('8');
    await reads.hackathonAndParticipant(H, S);
    expect(repo.findById).toHaveBeenCalledTimes(2);
    expect(repo.participantOf).toHaveBeenCalledTimes(2);
  });

  it('keeps nothing when Redis cannot say the generation, and nothing older than the TTL', async () => {
    const { repo, reads, setGeneration, clock } = setup();
    setGeneration(undefined);
    await reads.hackathonAndParticipant(H, S);
    await reads.hackathonAndParticipant(H, S);
    expect(repo.findById).toHaveBeenCalledTimes(2);
    setGeneration('9');
    await reads.hackathonAndParticipant(H, S);
    clock.advance(31_000);
    await reads.hackathonAndParticipant(H, S);
    expect(repo.findById).toHaveBeenCalledTimes(4);
  });

  it('does not keep a failed read', async () => {
    const { repo, reads } = setup();
    repo.findById.mockRejectedValueOnce(new Error('engine away'));
    await expect(reads.hackathonAndParticipant(H, S)).rejects.toThrow('engine away');
    await expect(reads.hackathonAndParticipant(H, S)).resolves.toEqual([
      { id: H, nom: 'x' },
      { studentId: S, onRoster: true },
    ]);
  });
});
