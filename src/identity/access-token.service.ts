import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { AppConfig } from '../../config/env.schema';
import { AuthUser, isObjectIdString } from '../../libs/http';
import { IdentityErrors } from './identity.errors';
import type { PublicUser } from './identity.response';
import { UserRepository } from './user.repository';

/** An authenticated caller, with the profile read along (GET /auth/me answers it as is). */
export interface Requester {
  user: AuthUser;
  profile: PublicUser;
}

/** The claims of an access token: the user and the session it belongs to. */
export interface AccessClaims {
  sub: string;
  sid: string;
}

/**
 * Access tokens: HS256 JWT with issuer, audience and a short life (`JWT_EXPIRES_IN_S`), naming
 * the user (`sub`) and the session (`sid`).
 *
 * How sessions end (docs/api.md 1.1): a session is an entry of the user's `sessions` list (see
 * OpenSession). Every authenticated request reads the user by `_id` anyway (the role is never
 * trusted from the token), and that one read also answers "is this session still open": ending
 * one session (logout, refresh-token reuse) or all of them (soft delete, erase, role change,
 * password change or reset) is removing entries from that list, so their access tokens are
 * refused on their very next request, as their refresh tokens are.
 */
@Injectable()
export class AccessTokenService {
  // A KeyObject: with a plain string, jsonwebtoken first tries it as a PEM public key on every
  // check (measured: ~360 µs per check against ~8 µs).
  readonly key: KeyObject;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly users: UserRepository,
  ) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  }

  get verifyOptions(): jwt.VerifyOptions & { algorithms: jwt.Algorithm[] } {
    return { algorithms: ['HS256'], issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE };
  }

  sign(userId: string, sessionId: string): string {
    return jwt.sign({ sub: userId, sid: sessionId } satisfies AccessClaims, this.key, {
      algorithm: 'HS256',
      expiresIn: this.config.JWT_EXPIRES_IN_S,
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
    });
  }

  /** The caller behind verified claims: an active user whose session is still open. */
  async authenticate(claims: { sub?: unknown; sid?: unknown }): Promise<AuthUser> {
    return (await this.authenticateWithProfile(claims)).user;
  }

  /** The caller and their profile, from one read of the user (UserRepository.findRequester). */
  async authenticateWithProfile(claims: { sub?: unknown; sid?: unknown }): Promise<Requester> {
    if (!isObjectIdString(claims.sub) || typeof claims.sid !== 'string') throw IdentityErrors.tokenInvalid();
    const found = await this.users.findRequester(claims.sub);
    if (!found || found.auth.deleted) throw IdentityErrors.tokenInvalid();
    if (!found.auth.sessionIds.includes(claims.sid)) throw IdentityErrors.sessionEnded();
    const { auth } = found;
    const { profile } = found;
    const user = { id: auth.id, email: auth.email, role: auth.role, sessionId: claims.sid };
    return { user: { ...user, tokensAuthorized: profile.tokensAuthorized ?? null }, profile };
  }

  /** Signature (HS256 only), issuer, audience and expiry of a bearer token, as French errors. */
  claimsOf(token: string): jwt.JwtPayload {
    try {
      return jwt.verify(token, this.key, this.verifyOptions) as jwt.JwtPayload;
    } catch (err) {
      throw (err as Error).name === 'TokenExpiredError' ? IdentityErrors.tokenExpired() : IdentityErrors.tokenInvalid();
    }
  }

  /** Checks a token outside the HTTP guard (the queue board's cookie): signature, expiry, session. */
  async verify(token: string): Promise<AuthUser> {
    return this.authenticate(this.claimsOf(token));
  }
}
