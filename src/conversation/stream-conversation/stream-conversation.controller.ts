import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ApiErrors,
  ApiSse,
  AuthUser,
  CurrentUser,
  ParseObjectIdPipe,
  Roles,
  StreamTicketAuth,
} from '../../../libs/http';
import { StreamConversationUseCase } from './stream-conversation.usecase';
import { VerificationEvent } from '../../verification';
import { EssaiEvent } from '../essais/essai.response';
import { ConversationErrors } from '../conversation.errors';
import { StreamTicket } from '../../identity';
import { DeltaEvent, MessageEvent, StreamErrorEvent } from '../conversation.response';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class StreamConversationController {
  constructor(private readonly stream: StreamConversationUseCase) {}

  @Roles('student', 'admin')
  @Post(':id/stream-ticket')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'conversations.createStreamTicket',
    summary: 'Un ticket pour ouvrir le flux SSE depuis un navigateur (EventSource) : 60 s, une seule fois',
  })
  @ApiErrors(ConversationErrors.notFound())
  ticket(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<StreamTicket> {
    return this.stream.ticket(id, caller);
  }

  @Roles('student', 'admin')
  @StreamTicketAuth('conversation')
  @Get(':id/stream')
  @ApiQuery({ name: 'ticket', required: false, description: 'Ticket de POST /conversations/:id/stream-ticket' })
  @ApiQuery({
    name: 'lastEventId',
    required: false,
    description:
      'Reprise après une coupure, comme l’en-tête Last-Event-ID (un nouvel EventSource ne peut pas l’envoyer)',
  })
  @ApiOperation({
    operationId: 'conversations.stream',
    summary: 'SSE : delta / message / error ; reprise avec Last-Event-ID',
    description:
      'event: delta {messageId, text, attempt} pendant la génération (attempt croît à chaque reprise de la réponse : ' +
      'ne garder que le texte de la plus haute) ; event: message {message} quand la réponse ' +
      'est enregistrée ; event: error {messageId, code, message} quand elle a échoué pour de bon.',
  })
  @ApiErrors(ConversationErrors.notFound())
  @ApiSse(
    {
      delta: DeltaEvent,
      message: MessageEvent,
      error: StreamErrorEvent,
      verification: VerificationEvent,
      essai: EssaiEvent,
    },
    'Flux SSE des réponses de la conversation (reprise avec Last-Event-ID) ; verification : la vérification ' +
      'automatique de la version finale est finie (cas publics seulement) ; essai : un essai est fini',
  )
  async handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @CurrentUser() caller: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.stream.open(id, caller, req, res);
  }
}
