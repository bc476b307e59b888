import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { RedisService } from '../../../libs/redis';
import { ConversationAccess } from '../conversation-access';
import { ConversationStream } from '../conversation-stream';

const KEEP_ALIVE_MS = 15_000;
const STREAM_ID = /^\d+-\d+$/;

/**
 * Server-Sent Events from the conversation's Redis Stream: `delta`, `message`, `error`
 * events whose `id:` is the stream entry id, so a reconnecting client resumes after
 * `Last-Event-ID`. A comment line every 15 s keeps proxies from closing the connection.
 */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class StreamConversationController {
  constructor(
    private readonly access: ConversationAccess,
    private readonly stream: ConversationStream,
    private readonly redis: RedisService,
  ) {}

  @Roles('student', 'admin')
  @Get(':id/stream')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'SSE : delta / message / error ; reprise avec Last-Event-ID' })
  async handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @CurrentUser() caller: AuthUser,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.access.ownedBy(id, caller);
    let after = lastEventId && STREAM_ID.test(lastEventId) ? lastEventId : await this.stream.lastId(id);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(': connecté\n\n');

    const connection = this.redis.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true });
    let open = true;
    req.on('close', () => {
      open = false;
      connection.disconnect();
    });
    while (open) {
      try {
        const events = await this.stream.read(connection, id, after, KEEP_ALIVE_MS);
        if (!open) break;
        if (events.length === 0) res.write(': keep-alive\n\n');
        for (const e of events) {
          res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`);
          after = e.id;
        }
      } catch {
        if (!open) break;
        res.write(
          `event: error\ndata: ${JSON.stringify({ code: 'STREAM_UNAVAILABLE', message: 'Flux momentanément indisponible, reconnectez-vous' })}\n\n`,
        );
        break;
      }
    }
    connection.disconnect();
    res.end();
  }
}
