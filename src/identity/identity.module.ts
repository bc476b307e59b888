import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ThrottlerModule, ThrottlerOptions } from '@nestjs/throttler';
import { AppConfig } from '../../config/env.schema';
import { AppThrottlerGuard, keyedThrottlerKey, ruleOf } from '../../libs/http';
import { RedisService, RedisThrottlerStorage } from '../../libs/redis';
import { AcceptInvitationController } from './accept-invitation/accept-invitation.controller';
import { AcceptInvitationUseCase } from './accept-invitation/accept-invitation.usecase';
import { AccessTokenService } from './access-token.service';
import { AdminUserView } from './admin-user-view';
import { CheckInvitationController } from './check-invitation/check-invitation.controller';
import { CheckInvitationUseCase } from './check-invitation/check-invitation.usecase';
import { CheckPasswordResetController } from './check-password-reset/check-password-reset.controller';
import { CheckPasswordResetUseCase } from './check-password-reset/check-password-reset.usecase';
import { JwtAuthGuard, RolesGuard } from './auth.guards';
import { ChangePasswordController } from './change-password/change-password.controller';
import { ChangePasswordUseCase } from './change-password/change-password.usecase';
import { CreateUserController } from './create-user/create-user.controller';
import { CreateUserUseCase } from './create-user/create-user.usecase';
import { DeleteUserController } from './delete-user/delete-user.controller';
import { DeleteUserUseCase } from './delete-user/delete-user.usecase';
import { ForgotPasswordController } from './forgot-password/forgot-password.controller';
import { ForgotPasswordUseCase } from './forgot-password/forgot-password.usecase';
import { GetMeController } from './get-me/get-me.controller';
import { GetMeUseCase } from './get-me/get-me.usecase';
import { GetUserController } from './get-user/get-user.controller';
import { GetUserUseCase } from './get-user/get-user.usecase';
import { Invitations } from './invitations.service';
import { LinkTokens } from './link-tokens.service';
import { LinkUseRepository } from './link-use.repository';
import { ListUsersController } from './list-users/list-users.controller';
import { ListUsersUseCase } from './list-users/list-users.usecase';
import { LoginController } from './login/login.controller';
import { LoginUseCase } from './login/login.usecase';
import { LogoutController } from './logout/logout.controller';
import { LogoutUseCase } from './logout/logout.usecase';
import { PasswordHasher } from './password-hasher';
import { RefreshSessionController } from './refresh-session/refresh-session.controller';
import { RefreshSessionUseCase } from './refresh-session/refresh-session.usecase';
import { RefreshTokenRepository } from './refresh-token.repository';
import { RegisterController } from './register/register.controller';
import { RegisterUseCase } from './register/register.usecase';
import { RequestMagicLinkController } from './request-magic-link/request-magic-link.controller';
import { RequestMagicLinkUseCase } from './request-magic-link/request-magic-link.usecase';
import { ResendInvitationController } from './resend-invitation/resend-invitation.controller';
import { ResendInvitationUseCase } from './resend-invitation/resend-invitation.usecase';
import { ResetPasswordController } from './reset-password/reset-password.controller';
import { ResetPasswordUseCase } from './reset-password/reset-password.usecase';
import { RoleStatsController } from './role-stats/role-stats.controller';
import { RoleStatsUseCase } from './role-stats/role-stats.usecase';
import { SendInvitationProcessor } from './send-invitation/send-invitation.processor';
import { SendInvitationUseCase } from './send-invitation/send-invitation.usecase';
import { SendPasswordResetProcessor } from './send-password-reset/send-password-reset.processor';
import { SendPasswordResetUseCase } from './send-password-reset/send-password-reset.usecase';
import { SendSignInLinkProcessor } from './send-sign-in-link/send-sign-in-link.processor';
import { SendSignInLinkUseCase } from './send-sign-in-link/send-sign-in-link.usecase';
import { SessionService } from './session.service';
import { StreamTickets } from './stream-tickets.service';
import { UpdateMeController } from './update-me/update-me.controller';
import { UpdateMeUseCase } from './update-me/update-me.usecase';
import { UpdateUserController } from './update-user/update-user.controller';
import { UpdateUserUseCase } from './update-user/update-user.usecase';
import { UserAuditController } from './user-audit/user-audit.controller';
import { UserAuditUseCase } from './user-audit/user-audit.usecase';
import { UserDirectory } from './user-directory.service';
import { VerifyMagicLinkController } from './verify-magic-link/verify-magic-link.controller';
import { VerifyMagicLinkUseCase } from './verify-magic-link/verify-magic-link.usecase';
import { LinkMailSender } from './user-mail';
import { UserRepository } from './user.repository';
import {
  AuditLog,
  AuditLogSchema,
  MagicLinkUse,
  MagicLinkUseSchema,
  RefreshToken,
  RefreshTokenSchema,
  User,
  UserSchema,
} from './user.schema';

/** The request as the throttler trackers read it (before validation). */
interface TrackedRequest {
  ip?: string;
  user?: { id?: string };
  body?: { email?: unknown };
}

const emailOf = (req: TrackedRequest) =>
  typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
const ipOf = (req: TrackedRequest) => String(req.ip);
const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * The limits of one mail-sending sign-in route (magic link, password forgot), each its own
 * counters: per email (the mailbox), per IP + email, and a per-IP ceiling high enough for a
 * whole class behind one school IP (at least 300 in 15 minutes, enforced by the env schema).
 * A body without an email is left to validation (400), not counted.
 */
function mailRouteLimits(rule: string, perEmail: number, perIp: number): ThrottlerOptions[] {
  const applies = (ctx: Parameters<NonNullable<ThrottlerOptions['skipIf']>>[0]) =>
    ruleOf(ctx) === rule && emailOf(ctx.switchToHttp().getRequest()) !== '';
  return [
    { name: `${rule}-email`, ttl: FIFTEEN_MINUTES, limit: perEmail, skipIf: (c) => !applies(c), getTracker: emailOf },
    {
      name: `${rule}-ip-email`,
      ttl: FIFTEEN_MINUTES,
      limit: perEmail,
      skipIf: (c) => !applies(c),
      getTracker: (req: TrackedRequest) => `${ipOf(req)}|${emailOf(req)}`,
    },
    { name: `${rule}-ip`, ttl: FIFTEEN_MINUTES, limit: perIp, skipIf: (c) => ruleOf(c) !== rule, getTracker: ipOf },
  ];
}

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: User.name, schema: UserSchema },
      { name: MagicLinkUse.name, schema: MagicLinkUseSchema },
      { name: RefreshToken.name, schema: RefreshTokenSchema },
      { name: AuditLog.name, schema: AuditLogSchema },
    ]),
    // Limits are per user once signed in (a class shares one school IP), per IP+email on sign-in.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisService],
      useFactory: (config: AppConfig, redis: RedisService) => ({
        storage: new RedisThrottlerStorage(redis),
        generateKey: keyedThrottlerKey(config.JWT_SECRET),
        throttlers: [
          {
            name: 'default',
            ttl: 60_000,
            // A class behind one school address shares the anonymous limit (sign-ins, refreshes).
            limit: (ctx) =>
              ctx.switchToHttp().getRequest<TrackedRequest>().user?.id
                ? config.RATE_LIMIT_PER_MINUTE
                : config.ANONYMOUS_RATE_LIMIT_PER_MINUTE,
            getTracker: (req: TrackedRequest) => (req.user?.id ? `user:${req.user.id}` : `ip:${req.ip}`),
          },
          {
            name: 'login',
            ttl: 60_000,
            limit: config.LOGIN_RATE_LIMIT_PER_MINUTE,
            skipIf: (ctx) => ruleOf(ctx) !== 'login',
            getTracker: (req: TrackedRequest) => `${ipOf(req)}|${emailOf(req)}`,
          },
          {
            name: 'password-change',
            ttl: 60_000,
            limit: config.LOGIN_RATE_LIMIT_PER_MINUTE,
            skipIf: (ctx) => ruleOf(ctx) !== 'password-change',
            getTracker: (req: TrackedRequest) => `user:${req.user?.id}`,
          },
          ...mailRouteLimits('magic-link', config.MAGIC_LINK_RATE_LIMIT_PER_EMAIL, config.MAGIC_LINK_RATE_LIMIT_PER_IP),
          ...mailRouteLimits(
            'password-forgot',
            config.PASSWORD_FORGOT_RATE_LIMIT_PER_EMAIL,
            config.PASSWORD_FORGOT_RATE_LIMIT_PER_IP,
          ),
        ],
      }),
    }),
  ],
  // Order matters where paths overlap: `PATCH /users/me` before `PATCH /users/:id`.
  controllers: [
    RegisterController,
    LoginController,
    RequestMagicLinkController,
    VerifyMagicLinkController,
    RefreshSessionController,
    LogoutController,
    ForgotPasswordController,
    ResetPasswordController,
    CheckPasswordResetController,
    AcceptInvitationController,
    CheckInvitationController,
    GetMeController,
    UpdateMeController,
    ChangePasswordController,
    ListUsersController,
    RoleStatsController,
    CreateUserController,
    GetUserController,
    UserAuditController,
    UpdateUserController,
    DeleteUserController,
    ResendInvitationController,
  ],
  providers: [
    UserRepository,
    LinkUseRepository,
    RefreshTokenRepository,
    PasswordHasher,
    AccessTokenService,
    SessionService,
    LinkTokens,
    LinkMailSender,
    Invitations,
    StreamTickets,
    RegisterUseCase,
    LoginUseCase,
    RequestMagicLinkUseCase,
    VerifyMagicLinkUseCase,
    RefreshSessionUseCase,
    LogoutUseCase,
    ForgotPasswordUseCase,
    ResetPasswordUseCase,
    ChangePasswordUseCase,
    AcceptInvitationUseCase,
    CheckInvitationUseCase,
    CheckPasswordResetUseCase,
    AdminUserView,
    ResendInvitationUseCase,
    GetMeUseCase,
    UpdateMeUseCase,
    ListUsersUseCase,
    RoleStatsUseCase,
    GetUserUseCase,
    CreateUserUseCase,
    UpdateUserUseCase,
    DeleteUserUseCase,
    UserAuditUseCase,
    SendSignInLinkUseCase,
    SendSignInLinkProcessor,
    SendInvitationUseCase,
    SendInvitationProcessor,
    SendPasswordResetUseCase,
    SendPasswordResetProcessor,
    UserDirectory,
    // Order matters: authenticate, then check the role, then count the request.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useClass: AppThrottlerGuard },
  ],
  exports: [
    UserDirectory,
    CreateUserUseCase,
    Invitations,
    StreamTickets,
    AccessTokenService,
    LoginUseCase,
    RequestMagicLinkUseCase,
  ],
})
export class IdentityModule {}
