import { Injectable } from '@nestjs/common';
import { SessionService, SessionTokens } from '../session.service';

/** Rotation: the refresh token is spent, the next one and a fresh access token come back. */
@Injectable()
export class RefreshSessionUseCase {
  constructor(private readonly sessions: SessionService) {}

  execute(refreshToken: string): Promise<SessionTokens> {
    return this.sessions.refresh(refreshToken);
  }
}
