import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseObjectIdPipe, Roles } from '../../../libs/http';
import { GetDashboardUseCase } from './get-dashboard.usecase';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class GetDashboardController {
  constructor(private readonly dashboard: GetDashboardUseCase) {}

  @Get(':id/dashboard')
  @ApiOperation({
    summary: 'Tableau de bord de la classe (admin) : totaux et une ligne par étudiant',
    description:
      'Par étudiant : prompts et tokens utilisés et limites, conversations, réponses en attente ou en échec, dernière ' +
      'activité, dernière erreur, versions finales soumises. Suivi en direct : GET /hackathons/:id/dashboard/stream.',
  })
  get(@Param('id', ParseObjectIdPipe) id: string) {
    return this.dashboard.execute(id);
  }
}
