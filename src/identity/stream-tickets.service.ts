import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock } from '../../libs/clock';
import type { AuthUser } from '../../libs/http';
import { RedisService } from '../../libs/redis';
import { StreamTicket } from './identity.response';
import { sha256Hex } from './one-time-link';

export const STREAM_TICKET_TTL_MS = 60_000;

export type { StreamTicket };

export interface TicketHolder {
  userId: string;
  sessionId: string;
}

/**
 * One-time tickets that open a Server-Sent Events stream from a browser (`EventSource` cannot
 * send an `Authorization` header, and access tokens are never put in URLs). A ticket works
 * once, within 60 seconds, for one user (and session) and one resource. Redis keeps only the
 * ticket's hash, with ids (invariant 9); using it is one GETDEL, so two uses cannot both win.
 *
 * Use: the route that hands out tickets calls `issue(caller, 'conversation', id)` after its own
 * access checks; the stream route is marked `@StreamTicketAuth('conversation')` (libs/http) and
 * the auth guard calls `consume` for `?ticket=`.
 */
@Injectable()
export class StreamTickets {
  constructor(
    private readonly redis: RedisService,
    private readonly clock: Clock,
  ) {}

  async issue(caller: AuthUser, resource: string, resourceId: string): Promise<StreamTicket> {
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = this.clock.now().getTime() + STREAM_TICKET_TTL_MS;
    const value = JSON.stringify({
      u: caller.id,
      s: caller.sessionId ?? '',
      r: resource,
      i: resourceId.toLowerCase(),
      e: expiresAt,
    });
    await this.redis.client.set(this.keyOf(ticket), value, 'PX', STREAM_TICKET_TTL_MS);
    return { ticket, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The holder of a ticket issued for exactly this resource, or null; the ticket is spent either way. */
  async consume(ticket: string, resource: string, resourceId: string): Promise<TicketHolder | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return null;
    const raw = await this.redis.client.getdel(this.keyOf(ticket));
    if (!raw) return null;
    const t = JSON.parse(raw) as { u: string; s: string; r: string; i: string; e: number };
    if (t.r !== resource || t.i !== resourceId.toLowerCase() || t.e <= this.clock.now().getTime()) return null;
    return { userId: t.u, sessionId: t.s };
  }

  private keyOf(ticket: string): string {
    return this.redis.key('stream-ticket', sha256Hex(ticket));
  }
}
