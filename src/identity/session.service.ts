import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { AppConfig } from '../../config/env.schema';
import { Clock } from '../../libs/clock';
import { AccessTokenService } from './access-token.service';
import { IdentityErrors } from './identity.errors';
import { sha256Hex } from './one-time-link';
import { RefreshTokenRepository } from './refresh-token.repository';
import { PublicUser, SessionTokens, SignedIn } from './identity.response';
import { UserRepository } from './user.repository';

export type { SessionTokens, SignedIn };

const DAY_MS = 24 * 3600 * 1000;

/**
 * Sessions: opened by every sign-in, kept alive by refresh tokens, ended by logout, by reuse of
 * a refresh token, and all at once by the account changes of docs/api.md 1.1 (UserRepository).
 *
 * Refresh tokens are opaque (256 random bits), stored as SHA-256 only, and rotate: each works
 * once and is answered with the next one of its session's chain. Which refresh of a token wins
 * is decided by a unique insert of its successor (same rule as one-time links), so of many
 * concurrent refreshes of one token exactly one succeeds; every other use of a token that was
 * already used is reuse — a copy in someone else's hands — and ends the whole session, the new
 * token included.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly accessTokens: AccessTokenService,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** A new session for a user who just proved who they are. */
  async open(user: PublicUser): Promise<SignedIn> {
    const now = this.clock.now();
    const sessionId = new Types.ObjectId().toHexString();
    const refreshToken = await this.issueRefreshToken(user.id, sessionId, 0, now);
    if (!(await this.users.openSession(user.id, sessionId, now))) throw IdentityErrors.invalidCredentials();
    return { ...this.tokensOf(user.id, sessionId, refreshToken), user };
  }

  /** `POST /auth/refresh`: the next tokens of the session, or `401 REFRESH_TOKEN_INVALID`. */
  async refresh(refreshToken: string): Promise<SessionTokens> {
    const hash = sha256Hex(refreshToken);
    const record = await this.refreshTokens.find(hash);
    const now = this.clock.now();
    if (!record || record.expiresAt.getTime() <= now.getTime()) throw IdentityErrors.refreshTokenInvalid();
    const user = await this.users.findAuthView(record.userId);
    if (!user || user.deleted || !user.sessionIds.includes(record.sessionId))
      throw IdentityErrors.refreshTokenInvalid();
    const next = newRefreshToken();
    const won = await this.refreshTokens.issue(
      next.hash,
      { ...record, generation: record.generation + 1, expiresAt: this.refreshExpiry(now) },
      now,
    );
    if (!won) {
      // This token was used before: whoever holds the other copy must not stay signed in.
      await this.users.endSession(record.userId, record.sessionId);
      throw IdentityErrors.refreshTokenInvalid();
    }
    return this.tokensOf(record.userId, record.sessionId, next.token);
  }

  /** `POST /auth/logout`: ends the session of this refresh token when it is the caller's. */
  async close(refreshToken: string, callerId: string): Promise<void> {
    const record = await this.refreshTokens.find(sha256Hex(refreshToken));
    if (record && record.userId === callerId) await this.users.endSession(record.userId, record.sessionId);
  }

  private tokensOf(userId: string, sessionId: string, refreshToken: string): SessionTokens {
    return {
      accessToken: this.accessTokens.sign(userId, sessionId),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_EXPIRES_IN_S,
    };
  }

  private async issueRefreshToken(userId: string, sessionId: string, generation: number, now: Date) {
    const { token, hash } = newRefreshToken();
    await this.refreshTokens.issue(hash, { userId, sessionId, generation, expiresAt: this.refreshExpiry(now) }, now);
    return token;
  }

  private refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS);
  }
}

function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256Hex(token) };
}
