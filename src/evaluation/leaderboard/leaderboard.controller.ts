import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { LeaderboardUseCase } from './leaderboard.usecase';
import { Leaderboard } from '../evaluation.response';
import { HackathonErrors } from '../../hackathon';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('hackathons')
export class LeaderboardController {
  constructor(private readonly leaderboard: LeaderboardUseCase) {}

  @Roles('admin')
  @Get(':id/leaderboard')
  @ApiOperation({
    operationId: 'evaluations.leaderboard',
    summary: 'Classement des soumissions par note moyenne (admin)',
    description:
      'Égalité : la soumission la plus ancienne d’abord. Par soumission : meanNote, gradeCount, notes, fairNote (moyenne des z-scores par examinateur ramenée sur 1–10), divergent (écart ≥ 3 points). Non notées : en fin, rank null.',
  })
  @ApiErrors(HackathonErrors.notFound())
  handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<Leaderboard> {
    return this.leaderboard.execute(id, caller);
  }
}
