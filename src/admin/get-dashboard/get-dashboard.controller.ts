import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { GetDashboardUseCase } from './get-dashboard.usecase';
import { Dashboard } from '../admin.response';
import { HackathonErrors } from '../../hackathon';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class GetDashboardController {
  constructor(private readonly dashboard: GetDashboardUseCase) {}

  @Get(':id/dashboard')
  @ApiOperation({
    operationId: 'dashboard.get',
    summary: 'Tableau de bord de la classe (admin) : totaux et une ligne par étudiant',
    description:
      'Par étudiant : prompts et tokens utilisés et limites, conversations, réponses en attente ou en échec, dernière ' +
      'activité, dernière erreur, versions finales soumises ; `bloque` (son prochain prompt ne tient plus dans son ' +
      'quota) et `refus` (les réponses 429 QUOTA_* reçues). Les bloqués d’abord, puis ceux qui ont reçu des refus, ' +
      'puis par nom. Suivi en direct : GET /hackathons/:id/dashboard/stream.',
  })
  @ApiErrors(HackathonErrors.notFound())
  get(@Param('id', ParseObjectIdPipe) id: string): Promise<Dashboard> {
    return this.dashboard.execute(id);
  }
}
