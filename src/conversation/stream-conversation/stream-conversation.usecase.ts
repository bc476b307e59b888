import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthUser, lastEventIdOf, openSse } from '../../../libs/http';
import { StreamTickets } from '../../identity';
import { ConversationAccess } from '../conversation-access';
import { ConversationStream } from '../conversation-stream';

/**
 * Server-Sent Events of one conversation for its owner: `delta`, `message`, `error` events
 * whose `id:` is the stream entry id, so a reconnecting client resumes after `Last-Event-ID`.
 * A browser's EventSource cannot send a header: it opens the stream with a one-time ticket.
 */
@Injectable()
export class StreamConversationUseCase {
  constructor(
    private readonly access: ConversationAccess,
    private readonly stream: ConversationStream,
    private readonly tickets: StreamTickets,
  ) {}

  async ticket(id: string, caller: AuthUser) {
    await this.access.ownedBy(id, caller);
    return this.tickets.issue(caller, 'conversation', id);
  }

  async open(id: string, caller: AuthUser, req: Request, res: Response): Promise<void> {
    await this.access.ownedBy(id, caller);
    const channel = openSse(req, res);
    try {
      // The entries of one read go out in one write; their data as stored, not parsed again.
      const unsubscribe = await this.stream.subscribe(id, lastEventIdOf(req), (entries) =>
        channel.sendAll(entries.map((e) => ({ event: e.type, json: e.json, id: e.id }))),
      );
      channel.onClose(unsubscribe);
    } catch {
      channel.send('error', {
        code: 'STREAM_UNAVAILABLE',
        message: 'Flux momentanément indisponible, reconnectez-vous',
      });
      channel.end();
    }
  }
}
