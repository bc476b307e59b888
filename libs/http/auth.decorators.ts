import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { X_ALLOW_NO_ROLE, X_PUBLIC, X_ROLES, X_STREAM_TICKET } from './openapi';

/** Canonical roles; the empty role means "signed up, no access granted yet". */
export type Role = 'student' | 'examiner' | 'admin';
export type StoredRole = Role | '';

/** The caller as the auth guard resolved it (role read from the database, not from the token). */
export interface AuthUser {
  id: string;
  email: string;
  role: StoredRole;
  /** The session of the access token (or of the stream ticket) the request came with. */
  sessionId?: string;
  /** The user's own token allowance (null: none), as read with the request; absent when not read. */
  tokensAuthorized?: number | null;
}

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';
export const ALLOW_NO_ROLE = 'auth:allow-no-role';
export const STREAM_TICKET = 'auth:stream-ticket';

/** What a `@StreamTicketAuth()` route accepts a ticket for. */
export interface StreamTicketRoute {
  /** The kind of resource the ticket was issued for ("conversation", "hackathon-dashboard"). */
  resource: string;
  /** The path parameter holding the resource id. */
  param: string;
}

// Each decorator also marks its operations in the OpenAPI document (security, 401/403), see openapi.ts.

/** Opens a route to callers without a token (the guard denies by default). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(X_PUBLIC, true));

/** Restricts a route to these roles. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES, roles), ApiExtension(X_ROLES, roles));

/** Lets a user whose role is still empty through (only `/auth/me` uses it). */
export const AllowNoRole = () => applyDecorators(SetMetadata(ALLOW_NO_ROLE, true), ApiExtension(X_ALLOW_NO_ROLE, true));

/**
 * Lets a route (a Server-Sent Events stream) be opened with `?ticket=` instead of the
 * `Authorization` header, which a browser's EventSource cannot send. The ticket comes from
 * identity's `StreamTickets.issue(caller, resource, id)`, works once, within 60 seconds, for
 * that user and the resource id found in path parameter `param`. Roles still apply.
 */
export const StreamTicketAuth = (resource: string, param = 'id') =>
  applyDecorators(
    SetMetadata(STREAM_TICKET, { resource, param } satisfies StreamTicketRoute),
    ApiExtension(X_STREAM_TICKET, true),
  );

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user as AuthUser;
});
