import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../libs/http';
import { EvaluationResults, HackathonResults } from '../evaluation-results.service';

/** The leaderboard of a hackathon: its ranked results as the caller may see them. */
@Injectable()
export class LeaderboardUseCase {
  constructor(private readonly results: EvaluationResults) {}

  execute(hackathonId: string, caller: AuthUser): Promise<HackathonResults> {
    return this.results.of(hackathonId, caller);
  }
}
