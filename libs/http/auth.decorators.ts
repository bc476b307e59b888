import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

/** Canonical roles; the empty role means "signed up, no access granted yet". */
export type Role = 'student' | 'examiner' | 'admin';
export type StoredRole = Role | '';

/** The caller as the auth guard resolved it (role read from the database, not from the token). */
export interface AuthUser {
  id: string;
  email: string;
  role: StoredRole;
}

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';
export const ALLOW_NO_ROLE = 'auth:allow-no-role';

/** Opens a route to callers without a token (the guard denies by default). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Lets a user whose role is still empty through (only `/auth/me` uses it). */
export const AllowNoRole = () => SetMetadata(ALLOW_NO_ROLE, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user as AuthUser;
});
