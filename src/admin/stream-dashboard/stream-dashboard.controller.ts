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
import { StreamDashboardUseCase } from './stream-dashboard.usecase';
import { HackathonErrors } from '../../hackathon';
import { StreamTicket } from '../../identity';
import { DashboardRow, DashboardTotals, DashboardVerification } from '../admin.response';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class StreamDashboardController {
  constructor(private readonly dashboard: StreamDashboardUseCase) {}

  @Post(':id/dashboard/stream-ticket')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'dashboard.createStreamTicket',
    summary: 'Un ticket pour ouvrir le flux du tableau de bord depuis un navigateur : 60 s, une fois',
  })
  @ApiErrors(HackathonErrors.notFound())
  ticket(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<StreamTicket> {
    return this.dashboard.ticket(id, caller);
  }

  @StreamTicketAuth('hackathon-dashboard')
  @Get(':id/dashboard/stream')
  @ApiQuery({ name: 'ticket', required: false, description: 'Ticket de POST /hackathons/:id/dashboard/stream-ticket' })
  @ApiOperation({
    operationId: 'dashboard.stream',
    summary: 'SSE du tableau de bord : event: student (la ligne qui a changé), event: totals, event: verification',
    description:
      'Une ligne change quand l’étudiant envoie, reçoit une réponse, subit un échec, soumet ou reçoit un refus de ' +
      'quota. Les changements d’un hackathon sont regroupés par fenêtres de 250 ms : à chaque fenêtre, un event: ' +
      'student par ligne changée, puis un event: totals portant l’id de reprise. Quand la vérification ' +
      'automatique d’une version finale se termine : event: verification {studentId, conversationId, statut, score}.',
  })
  @ApiErrors(HackathonErrors.notFound())
  @ApiSse(
    { student: DashboardRow, totals: DashboardTotals, verification: DashboardVerification },
    'Flux SSE du tableau de bord : totals à l’ouverture, puis student (la ligne qui a changé) et totals ; verification quand les vérifications d’une version finale se terminent',
  )
  async stream(@Param('id', ParseObjectIdPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.dashboard.open(id, req, res);
  }
}
