import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CommonErrors, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { HackathonErrors } from '../../hackathon';
import { VerificationErrors } from '../../verification';
import { ConversationErrors } from '../conversation.errors';
import { QuotaErrors } from '../quota/quota-gate';
import { EssaiAccepted, EssaiResponse } from './essai.response';
import { GetEssaiUseCase } from './get-essai.usecase';
import { StartEssaiDto } from './start-essai.dto';
import { StartEssaiUseCase } from './start-essai.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class EssaisController {
  constructor(
    private readonly start: StartEssaiUseCase,
    private readonly get: GetEssaiUseCase,
  ) {}

  @Roles('student', 'admin')
  @Post(':id/essais')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'conversations.startEssai',
    summary: 'Essaie un prompt sur les cas publics de la tâche → 202 {essaiId}',
    description:
      'Une exécution par cas public (les cas cachés ne sont jamais utilisés ni montrés), comptée dans le quota de ' +
      'l’étudiant comme un envoi : un prompt et ses tokens par cas, tout ou rien (429 QUOTA_* comme un envoi). ' +
      'Le résultat arrive en event: essai sur le flux de la conversation et à GET /conversations/:id/essais/:essaiId.',
  })
  @ApiErrors(
    ConversationErrors.notFound(),
    HackathonErrors.notOpen('Terminé', 'STATUT'),
    ConversationErrors.noPublicCases(),
    VerificationErrors.promptPlaceholders(['nom'], []),
    QuotaErrors.promptsExceeded({ kind: 'prompts', used: 1, limit: 1 }),
    QuotaErrors.tokensExceeded({ kind: 'tokens', used: 1, limit: 1 }),
    CommonErrors.queueUnavailable(),
  )
  startEssai(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: StartEssaiDto,
    @CurrentUser() caller: AuthUser,
  ): Promise<EssaiAccepted> {
    return this.start.execute(id, dto.prompt, caller);
  }

  @Roles('student', 'admin')
  @Get(':id/essais/:essaiId')
  @ApiOperation({ operationId: 'conversations.getEssai', summary: 'Un essai et ses résultats (cas publics)' })
  @ApiErrors(ConversationErrors.notFound(), ConversationErrors.essaiNotFound())
  async getEssai(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('essaiId', ParseObjectIdPipe) essaiId: string,
    @CurrentUser() caller: AuthUser,
  ): Promise<EssaiResponse> {
    return { essai: await this.get.execute(id, essaiId, caller) };
  }
}
