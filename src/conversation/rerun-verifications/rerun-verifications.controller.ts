import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CommonErrors, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { JobAccepted } from '../../../libs/queue';
import { HackathonErrors } from '../../hackathon';
import { StartVerificationsUseCase } from './rerun-verifications.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('hackathons')
export class RerunVerificationsController {
  constructor(private readonly start: StartVerificationsUseCase) {}

  @Roles('admin')
  @Post(':id/verifications')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'verifications.rerun',
    summary: 'Relance la vérification automatique de toutes les soumissions (job admin) → 202 {jobId}',
    description:
      'Après un changement de la vérification d’une tâche ou du budget (quotas.tokensVerification) : chaque soumission ' +
      'd’une tâche vérifiée est rejouée ; les exécutions déjà faites pour le même prompt et les mêmes cas sont gardées ' +
      '(ni rejouées ni payées deux fois), une vérification arrêtée par le budget reprend où elle s’était arrêtée. ' +
      'Avancement et rapport {total, terminees, budgetEpuise, echecs, reprises} à GET /admin/jobs/:id.',
  })
  @ApiErrors(HackathonErrors.notFound(), CommonErrors.queueUnavailable())
  handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<JobAccepted> {
    return this.start.execute(id, caller);
  }
}
