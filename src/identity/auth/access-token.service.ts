import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../../config/env.schema';
import type { PublicUser } from '../user.repository';

export interface SignedIn {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: PublicUser;
}

/** Issues access tokens: HS256, issuer and audience set, lifetime from config. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async signIn(user: PublicUser): Promise<SignedIn> {
    // Only the subject is trusted: the role is read from the database on every request.
    const accessToken = await this.jwt.signAsync({ sub: user.id });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_EXPIRES_IN_S, user };
  }
}
