import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/env.schema';
import type { AuthUser } from '../../libs/http';
import { AccessTokenService } from './access-token.service';

/** Verifies the bearer token (HS256 only, issuer, audience, expiry), then the user and session. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(AppConfig) config: AppConfig,
    private readonly tokens: AccessTokenService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject; only passport-jwt's
      // typings say string | Buffer.
      secretOrKey: tokens.key as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  validate(payload: { sub?: unknown; sid?: unknown }): Promise<AuthUser> {
    return this.tokens.authenticate(payload);
  }
}
