import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ALLOW_NO_ROLE, AuthUser, IS_PUBLIC, Role, ROLES, STREAM_TICKET, StreamTicketRoute } from '../../libs/http';
import { AccessTokenService } from './access-token.service';
import { IdentityErrors } from './identity.errors';
import type { PublicUser } from './identity.response';
import { StreamTickets } from './stream-tickets.service';

function flag(reflector: Reflector, key: string, context: ExecutionContext): boolean {
  return !!reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]);
}

/** Where the guard leaves the caller's profile for `@CurrentProfile()` (GET /auth/me reads no more). */
const PROFILE = Symbol('requester-profile');
type AuthedRequest = Request & { user?: AuthUser; [PROFILE]?: PublicUser };

/** The caller's profile as the guard read it, for the routes that answer with it. */
export const CurrentProfile = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): PublicUser | undefined =>
    ctx.switchToHttp().getRequest<AuthedRequest>()[PROFILE],
);

/** `Authorization: Bearer <token>` (the scheme in any case), or null. */
function bearerOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/**
 * Global guard: every route needs a valid access token unless marked `@Public()`. A route
 * marked `@StreamTicketAuth()` also accepts `?ticket=` (StreamTickets) when no
 * `Authorization` header is sent. The token is checked here directly (AccessTokenService):
 * one signature check and one read of the user per request, nothing more on every route.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tickets: StreamTickets,
    private readonly tokens: AccessTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || flag(this.reflector, IS_PUBLIC, context)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const ticketRoute = this.reflector.getAllAndOverride<StreamTicketRoute | undefined>(STREAM_TICKET, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (ticketRoute && !req.headers.authorization && req.query?.ticket !== undefined) {
      req.user = await this.ticketHolder(req, ticketRoute);
      return true;
    }
    const token = bearerOf(req);
    if (!token) throw IdentityErrors.tokenMissing();
    const requester = await this.tokens.authenticateWithProfile(this.tokens.claimsOf(token));
    req.user = requester.user;
    req[PROFILE] = requester.profile;
    return true;
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
