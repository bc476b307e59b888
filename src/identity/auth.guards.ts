import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { ALLOW_NO_ROLE, AuthUser, IS_PUBLIC, Role, ROLES, STREAM_TICKET, StreamTicketRoute } from '../../libs/http';
import { AccessTokenService } from './access-token.service';
import { IdentityErrors } from './identity.errors';
import { StreamTickets } from './stream-tickets.service';

function flag(reflector: Reflector, key: string, context: ExecutionContext): boolean {
  return !!reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]);
}

/**
 * Global guard: every route needs a valid access token unless marked `@Public()`. A route
 * marked `@StreamTicketAuth()` also accepts `?ticket=` (StreamTickets) when no
 * `Authorization` header is sent.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly tickets: StreamTickets,
    private readonly tokens: AccessTokenService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || flag(this.reflector, IS_PUBLIC, context)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const ticketRoute = this.reflector.getAllAndOverride<StreamTicketRoute | undefined>(STREAM_TICKET, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (ticketRoute && !req.headers.authorization && req.query?.ticket !== undefined) {
      req.user = await this.ticketHolder(req, ticketRoute);
      return true;
    }
    return super.canActivate(context) as Promise<boolean>;
  }

  private async ticketHolder(req: Request, route: StreamTicketRoute): Promise<AuthUser> {
    const ticket = req.query.ticket;
    const resourceId = req.params?.[route.param];
    const holder =
      typeof ticket === 'string' && typeof resourceId === 'string'
        ? await this.tickets.consume(ticket, route.resource, resourceId)
        : null;
    if (!holder) throw IdentityErrors.streamTicketInvalid();
    return this.tokens.authenticate({ sub: holder.userId, sid: holder.sessionId });
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err) throw err;
    if (!user) {
      if (info instanceof Error && info.name === 'TokenExpiredError') throw IdentityErrors.tokenExpired();
      if (info instanceof Error && /No auth token/i.test(info.message)) throw IdentityErrors.tokenMissing();
      throw IdentityErrors.tokenInvalid();
    }
    return user;
  }
}

/** Global guard after authentication: `@Roles()` restricts; an empty role reaches `@AllowNoRole()` routes only. */
@Injectable()
export class RolesGuard {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || flag(this.reflector, IS_PUBLIC, context)) return true;
    const user = context.switchToHttp().getRequest().user as AuthUser | undefined;
    if (!user) throw IdentityErrors.tokenMissing();
    if (user.role === '') {
      if (flag(this.reflector, ALLOW_NO_ROLE, context)) return true;
      throw IdentityErrors.noRoleYet();
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(user.role)) throw IdentityErrors.forbidden();
    return true;
  }
}
