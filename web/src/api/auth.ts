// Signing in and out, invitations, password reset, and the signed-in person's own account.
import { api } from './client';
import { call } from './errors';
import type { BodyOf } from './types';

/** `POST /auth/login`: a session for an email and a password. */
export const signIn = (email: string, password: string) =>
  call(api.POST('/api/v1/auth/login', { body: { email, password } }));

/** `POST /auth/logout`: revokes the refresh token (the page forgets the session either way). */
export const signOut = (refreshToken: string) => call(api.POST('/api/v1/auth/logout', { body: { refreshToken } }));

/** `POST /auth/magic-link`: mails a sign-in link (the answer is the same whether the account exists or not). */
export const requestSignInLink = (email: string) => call(api.POST('/api/v1/auth/magic-link', { body: { email } }));

/** `POST /auth/magic-link/verify`: the session of a mailed link (it works once). */
export const verifySignInLink = (token: string) =>
  call(api.POST('/api/v1/auth/magic-link/verify', { body: { token } }));

/** `POST /auth/invitation/accept`: joins from an invitation, with a password or without (sign-in by link). */
export const acceptInvitation = (body: BodyOf<'auth.acceptInvitation'>) =>
  call(api.POST('/api/v1/auth/invitation/accept', { body }));

/** `POST /auth/password/forgot`: mails a reset link. */
export const requestPasswordReset = (email: string) =>
  call(api.POST('/api/v1/auth/password/forgot', { body: { email } }));

/** `POST /auth/password/reset`: the new password of a mailed link, and a session. */
export const resetPassword = (token: string, password: string) =>
  call(api.POST('/api/v1/auth/password/reset', { body: { token, password } }));

/** `GET /auth/me`: the signed-in person as the API knows them now. */
export const getMe = () => call(api.GET('/api/v1/auth/me'));

/** `PATCH /users/me`: the person's own settings (RGPD consent). */
export const updateMe = (body: BodyOf<'users.updateMe'>) => call(api.PATCH('/api/v1/users/me', { body }));

/** `PUT /users/me/password`: a new password (the current one when there is one); other sessions end. */
export const changeMyPassword = (body: BodyOf<'users.changeMyPassword'>) =>
  call(api.PUT('/api/v1/users/me/password', { body }));

/** `GET /users/me/export`: everything the platform keeps on the person (RGPD). */
export const exportMyData = () => call(api.GET('/api/v1/users/me/export'));
