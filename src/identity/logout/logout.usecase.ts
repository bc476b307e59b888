import { Injectable } from '@nestjs/common';
import { SessionService } from '../session.service';

/** Ends the session of this refresh token (when it is the caller's): its tokens stop working. */
@Injectable()
export class LogoutUseCase {
  constructor(private readonly sessions: SessionService) {}

  execute(refreshToken: string, callerId: string): Promise<void> {
    return this.sessions.close(refreshToken, callerId);
  }
}
