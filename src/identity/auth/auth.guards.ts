import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ALLOW_NO_ROLE, AuthUser, IS_PUBLIC, Role, ROLES } from '../../../libs/http';
import { IdentityErrors } from '../identity.errors';

function flag(reflector: Reflector, key: string, context: ExecutionContext): boolean {
  return !!reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]);
}

/** Global guard: every route needs a valid token unless marked `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http' || flag(this.reflector, IS_PUBLIC, context)) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T, info: any): T {
    if (err) throw err;
    if (!user) {
      if (info?.name === 'TokenExpiredError') throw IdentityErrors.tokenExpired();
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
