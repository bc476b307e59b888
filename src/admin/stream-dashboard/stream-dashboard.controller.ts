import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles, StreamTicketAuth } from '../../../libs/http';
import { StreamDashboardUseCase } from './stream-dashboard.usecase';

@ApiTags('hackathons')
@ApiBearerAuth()
@Roles('admin')
@Controller('hackathons')
export class StreamDashboardController {
  constructor(private readonly dashboard: StreamDashboardUseCase) {}

  @Post(':id/dashboard/stream-ticket')
  @HttpCode(201)
  @ApiOperation({ summary: 'Un ticket pour ouvrir le flux du tableau de bord depuis un navigateur : 60 s, une fois' })
  ticket(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser) {
    return this.dashboard.ticket(id, caller);
  }

  @StreamTicketAuth('hackathon-dashboard')
  @Get(':id/dashboard/stream')
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'ticket', required: false, description: 'Ticket de POST /hackathons/:id/dashboard/stream-ticket' })
  @ApiOperation({
    summary: 'SSE du tableau de bord : event: student (la ligne qui a changé), event: totals',
    description: 'Une ligne change quand l’étudiant envoie, reçoit une réponse, subit un échec ou soumet.',
  })
  async stream(@Param('id', ParseObjectIdPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.dashboard.open(id, req, res);
  }
}
