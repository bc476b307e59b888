import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/env.schema';
import { Clock } from '../../libs/clock';
import { ActiveHackathonsCache } from './active-hackathons.cache';
import { HackathonRepository, HackathonView, ParticipantRecord } from './hackathon.repository';

const MAX_ENTRIES = 20_000;

/**
 * The reads every send, conversation and quota check makes — the hackathon and the student's
 * roster place — kept in this process while nothing about hackathons was written: each write
 * of HackathonRepository moves the generation of ActiveHackathonsCache, and an entry counts
 * only under the generation it was read in (one Redis GET instead of two database reads).
 * An entry also ends after ACTIVE_HACKATHONS_CACHE_TTL_S (a writer that died before moving
 * the generation); Redis away or a TTL of 0: straight to the database.
 */
@Injectable()
export class ParticipationReads {
  private generation: string | undefined;
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly hackathons: HackathonRepository,
    private readonly cache: ActiveHackathonsCache,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async hackathonAndParticipant(
    hackathonId: string,
    studentId: string | undefined,
  ): Promise<[HackathonView | null, ParticipantRecord | null]> {
    const generation = await this.cache.generation();
    if (generation === undefined) {
      return Promise.all([
        this.hackathons.findById(hackathonId),
        studentId ? this.hackathons.participantOf(hackathonId, studentId) : null,
      ]);
    }
    if (generation !== this.generation || this.entries.size > MAX_ENTRIES) {
      this.entries.clear();
      this.generation = generation;
    }
    return Promise.all([
      this.kept(`h:${hackathonId}`, () => this.hackathons.findById(hackathonId)),
      studentId
        ? this.kept(`p:${hackathonId}:${studentId}`, () => this.hackathons.participantOf(hackathonId, studentId))
        : null,
    ]);
  }

  private kept<T>(key: string, read: () => Promise<T>): Promise<T> {
    const now = this.clock.now().getTime();
    const found = this.entries.get(key);
    if (found && now - found.at < this.config.ACTIVE_HACKATHONS_CACHE_TTL_S * 1000) return found.value as Promise<T>;
    const value = read();
    this.entries.set(key, { at: now, value });
    // A failed read is not kept.
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }
}
