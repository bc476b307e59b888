// Accounts (admin): the list, one created, a role changed, an invitation sent again.
import { api } from './client';
import { call } from './errors';
import type { BodyOf, QueryOf } from './types';

/** `GET /users`: a page of accounts (of one role with `role`). */
export const listUsers = (query: QueryOf<'users.list'>) => call(api.GET('/api/v1/users', { params: { query } }));

/** `POST /users`: an account (invited by mail when no password is given). */
export const createUser = (body: BodyOf<'users.create'>) => call(api.POST('/api/v1/users', { body }));

/** `PATCH /users/:id`. */
export const updateUser = (id: string, body: BodyOf<'users.update'>) =>
  call(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body }));

/** `POST /users/:id/invitation`: mails the invitation again. */
export const resendInvitation = (id: string) =>
  call(api.POST('/api/v1/users/{id}/invitation', { params: { path: { id } } }));
