import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { HackathonErrors } from '../../hackathon';
import { RebuiltDashboard } from '../admin.response';
import { RebuildDashboardUseCase } from './rebuild-dashboard.usecase';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class RebuildDashboardController {
  constructor(private readonly rebuild: RebuildDashboardUseCase) {}

  @Post(':id/dashboard/rebuild')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'dashboard.rebuild',
    summary: 'Reconstruit les lignes du tableau de bord depuis les conversations (réparation, admin)',
    description:
      'Les lignes sont tenues à jour par les événements ; une ligne dont un événement a été perdu est recalculée ' +
      'ici depuis les conversations de l’étudiant (les refus de quota, que seuls les événements connaissent, sont ' +
      'gardés). Lit toutes les conversations de la classe : à la demande seulement.',
  })
  @ApiErrors(HackathonErrors.notFound())
  post(@Param('id', ParseObjectIdPipe) id: string): Promise<RebuiltDashboard> {
    return this.rebuild.execute(id);
  }
}
