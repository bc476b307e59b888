import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { publicConversation } from '../conversation-view';
import { SubmitFinalDto } from './submit-final.dto';
import { SubmitFinalUseCase } from './submit-final.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class SubmitFinalController {
  constructor(private readonly submit: SubmitFinalUseCase) {}

  @Roles('student', 'admin')
  @Put(':id/final')
  @ApiOperation({
    summary: 'Soumet la version finale (une seule fois, hackathon ouvert) ; 409 ALREADY_SUBMITTED',
    description:
      '{promptFinal, messageId} (un message de l’assistant) ou {promptFinal, reponseIAFinale} (le texte exact d’un ' +
      'de ses messages) ; sinon 400 FINAL_ANSWER_UNKNOWN. Le modèle et les paramètres utilisés sont figés.',
  })
  async handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: SubmitFinalDto,
    @CurrentUser() caller: AuthUser,
  ) {
    return { conversation: publicConversation(await this.submit.execute(id, dto, caller)) };
  }
}
