import { Controller, Get, Injectable, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { SubmissionCatalog } from '../../conversation';
import { HackathonCatalog } from '../../hackathon';
import { CandidateIdentity } from '../candidate-identity';
import { EvaluationRepository } from '../evaluation.repository';
import { labelOf } from '../note-scale';
import { rankSubmissions } from './ranking';

/** Every submission of a hackathon ranked by mean note (rules in ranking.ts). Two reads, no join. */
@Injectable()
export class LeaderboardUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly submissions: SubmissionCatalog,
    private readonly evaluations: EvaluationRepository,
    private readonly candidates: CandidateIdentity,
  ) {}

  async execute(hackathonId: string, caller: AuthUser) {
    const h = await this.hackathons.getForParticipation(hackathonId);
    const hackathons = new Map([[hackathonId, h]]);
    const [submitted, grades] = await Promise.all([
      this.submissions.listSubmitted(hackathonId),
      this.evaluations.gradesOf(hackathonId),
    ]);
    const byId = new Map(submitted.map((s) => [s.id, s]));
    const rows = rankSubmissions(
      submitted.map((s) => ({ conversationId: s.id, soumisLe: s.soumisLe })),
      grades,
    );
    const who = await this.candidates.viewsOf(
      rows.map((r) => {
        const s = byId.get(r.conversationId)!;
        return { hackathonId, studentId: s.studentId, groupId: s.groupId };
      }),
      caller,
      hackathons,
    );
    return {
      hackathon: { id: hackathonId, nom: h.nom, anonymatActif: h.anonymatActif },
      totalSubmissions: rows.length,
      items: rows.map((r, i) => {
        const s = byId.get(r.conversationId)!;
        return {
          ...r,
          label: r.meanNote === null ? null : labelOf(r.meanNote),
          tacheId: s.tacheId,
          soumisLe: s.soumisLe,
          ...who[i],
        };
      }),
    };
  }
}

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('hackathons')
export class LeaderboardController {
  constructor(private readonly leaderboard: LeaderboardUseCase) {}

  @Roles('admin')
  @Get(':id/leaderboard')
  @ApiOperation({
    summary: 'Classement des soumissions par note moyenne (admin)',
    description:
      'Égalité : la soumission la plus ancienne d’abord. Par soumission : meanNote, gradeCount, notes, fairNote (moyenne des z-scores par examinateur ramenée sur 1–10), divergent (écart ≥ 3 points). Non notées : en fin, rank null.',
  })
  handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser) {
    return this.leaderboard.execute(id, caller);
  }
}
