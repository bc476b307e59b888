import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { MongooseModule } from '@nestjs/mongoose';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { AppConfig } from '../../config/env.schema';
import { AppThrottlerGuard, ruleOf } from '../../libs/http';
import { RedisService, RedisThrottlerStorage } from '../../libs/redis';
import { AccessTokenService } from './auth/access-token.service';
import { JwtAuthGuard, RolesGuard } from './auth/auth.guards';
import { JwtStrategy } from './auth/jwt.strategy';
import { LoginController } from './login/login.controller';
import { LoginUseCase } from './login/login.usecase';
import { MagicLinkController } from './magic-link/magic-link.controller';
import { RequestMagicLinkUseCase } from './magic-link/request-magic-link.usecase';
import { VerifyMagicLinkUseCase } from './magic-link/verify-magic-link.usecase';
import { ManageUsersController } from './manage-users/manage-users.controller';
import {
  CreateUserUseCase,
  DeleteUserUseCase,
  GetUserUseCase,
  ListUsersUseCase,
  RoleStatsUseCase,
  UpdateUserUseCase,
  UserAuditUseCase,
} from './manage-users/manage-users.usecases';
import { MeController } from './me/me.controller';
import { GetMeUseCase, UpdateMeUseCase } from './me/me.usecases';
import { PasswordHasher } from './password-hasher';
import { RegisterController } from './register/register.controller';
import { RegisterUseCase } from './register/register.usecase';
import { UserDirectory } from './user-directory.service';
import { UserRepository } from './user.repository';
import { AuditLog, AuditLogSchema, MagicLinkUse, MagicLinkUseSchema, User, UserSchema } from './user.schema';

const emailOf = (req: Request) => (typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '');

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: User.name, schema: UserSchema },
      { name: MagicLinkUse.name, schema: MagicLinkUseSchema },
      { name: AuditLog.name, schema: AuditLogSchema },
    ]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        signOptions: {
          algorithm: 'HS256',
          expiresIn: config.JWT_EXPIRES_IN_S,
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
        },
        verifyOptions: { algorithms: ['HS256'], issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
      }),
    }),
    // Limits are per user once signed in (a class shares one school IP), per IP+email on sign-in.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisService],
      useFactory: (config: AppConfig, redis: RedisService) => ({
        storage: new RedisThrottlerStorage(redis),
        throttlers: [
          {
            name: 'default',
            ttl: 60_000,
            limit: config.RATE_LIMIT_PER_MINUTE,
            getTracker: (req: any) => (req.user?.id ? `user:${req.user.id}` : `ip:${req.ip}`),
          },
          {
            name: 'login',
            ttl: 60_000,
            limit: config.LOGIN_RATE_LIMIT_PER_MINUTE,
            skipIf: (ctx) => ruleOf(ctx) !== 'login',
            getTracker: (req: any) => `${req.ip}|${emailOf(req)}`,
          },
          {
            name: 'magic-email',
            ttl: 15 * 60_000,
            limit: config.MAGIC_LINK_RATE_LIMIT_PER_EMAIL,
            skipIf: (ctx) => ruleOf(ctx) !== 'magic-link',
            getTracker: (req: any) => emailOf(req),
          },
          {
            name: 'magic-ip',
            ttl: 60 * 60_000,
            limit: config.MAGIC_LINK_RATE_LIMIT_PER_IP,
            skipIf: (ctx) => ruleOf(ctx) !== 'magic-link',
            getTracker: (req: any) => String(req.ip),
          },
        ],
      }),
    }),
  ],
  controllers: [RegisterController, LoginController, MagicLinkController, MeController, ManageUsersController],
  providers: [
    UserRepository,
    PasswordHasher,
    AccessTokenService,
    JwtStrategy,
    RegisterUseCase,
    LoginUseCase,
    RequestMagicLinkUseCase,
    VerifyMagicLinkUseCase,
    GetMeUseCase,
    UpdateMeUseCase,
    ListUsersUseCase,
    RoleStatsUseCase,
    GetUserUseCase,
    CreateUserUseCase,
    UpdateUserUseCase,
    DeleteUserUseCase,
    UserAuditUseCase,
    UserDirectory,
    // Order matters: authenticate, then check the role, then count the request.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useClass: AppThrottlerGuard },
  ],
  exports: [UserDirectory, CreateUserUseCase, AccessTokenService, UserRepository, RequestMagicLinkUseCase],
})
export class IdentityModule {}
