import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CommonErrors, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { HackathonErrors } from '../../hackathon';
import { VerificationErrors } from '../verification.errors';
import { EssaiVerificationAccepted, EssaiVerificationResponse } from './essai-verification.response';
import { GetEssaiVerificationUseCase } from './get-essai-verification.usecase';
import { StartEssaiVerificationDto } from './start-essai-verification.dto';
import { StartEssaiVerificationUseCase } from './start-essai-verification.usecase';

@ApiTags('verifications')
@ApiBearerAuth()
@Controller('hackathons')
export class EssaisVerificationController {
  constructor(
    private readonly start: StartEssaiVerificationUseCase,
    private readonly get: GetEssaiVerificationUseCase,
  ) {}

  @Roles('admin')
  @Post(':id/verifications/essais')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'verifications.startEssai',
    summary: 'Essaie la vérification d’une tâche sur un prompt d’exemple (enseignant) → 202 {essaiId}',
    description:
      'Chaque cas, public ou caché, une fois, avec le premier modèle permis du hackathon ; compté dans le budget de ' +
      'vérification du hackathon (quotas.tokensVerification), jamais dans le quota d’un étudiant ; budget épuisé : ' +
      'l’essai finit budget_epuise. verification et systeme essaient une définition pas encore enregistrée (vérifiée ' +
      'comme celle d’une tâche : 400 INVALID_VERIFICATION nommant le chemin) ; sans elles, celles de la tâche tacheId. ' +
      'Résultat à GET /hackathons/:id/verifications/essais/:essaiId.',
  })
  @ApiErrors(
    HackathonErrors.notFound(),
    VerificationErrors.unknownTask('…'),
    HackathonErrors.invalidVerification([]),
    VerificationErrors.promptPlaceholders(['nom'], [], 'prompt'),
    CommonErrors.queueUnavailable(),
  )
  startEssai(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: StartEssaiVerificationDto,
    @CurrentUser() caller: AuthUser,
  ): Promise<EssaiVerificationAccepted> {
    return this.start.execute(id, dto, caller);
  }

  @Roles('admin')
  @Get(':id/verifications/essais/:essaiId')
  @ApiOperation({
    operationId: 'verifications.getEssai',
    summary: 'Un essai de vérification d’enseignant : chaque cas, sa réponse et ses raisons',
  })
  @ApiErrors(HackathonErrors.notFound(), VerificationErrors.essaiNotFound())
  async getEssai(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('essaiId', ParseObjectIdPipe) essaiId: string,
  ): Promise<EssaiVerificationResponse> {
    return { essai: await this.get.execute(id, essaiId) };
  }
}
