import { Inject, Injectable, Logger } from '@nestjs/common';
import { parse as parseCookie } from 'cookie';
import express, { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../../../config/env.schema';
import { AllExceptionsFilter, AppError, AuthUser, CommonErrors, keyedHash } from '../../../libs/http';
import { RedisService, RedisThrottlerStorage } from '../../../libs/redis';
import { AccessTokenService, LoginUseCase } from '../../identity';
import { refusedPage, signInPage } from './queues-board.pages';

export const BOARD_COOKIE = 'pc_queues_board';

const parseForm = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 });

/**
 * Guards Bull Board (plain express middleware: the app's JWT guard never sees it). A token —
 * the `Authorization` header, or the board's HttpOnly cookie that the board's own page and
 * requests carry — is checked as the API checks it (signature, expiry, open session, user read
 * from the database) and must belong to an admin.
 *
 * A person opening the board in a browser without a session gets a sign-in form (`200`); its
 * POST to `<board>/login` signs in with the admin's password (same rule and rate limit as
 * `POST /auth/login`) and sets the cookie (the access token, for its lifetime); a signed-in
 * non-admin gets a refusal page. Scripts and the board's own API calls get the JSON errors.
 */
@Injectable()
export class QueuesBoardAuth {
  private readonly filter = new AllExceptionsFilter();
  private readonly logger = new Logger('QueuesBoard');
  private readonly attempts: RedisThrottlerStorage;
  private readonly attemptKey: (value: string) => string;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly tokens: AccessTokenService,
    private readonly login: LoginUseCase,
    redis: RedisService,
  ) {
    this.attempts = new RedisThrottlerStorage(redis);
    this.attemptKey = keyedHash(config.JWT_SECRET, 'queues-board-sign-in');
  }

  /** The admin behind a token, or the error to answer (401 no/bad token, 403 not admin). */
  async check(token: string | undefined): Promise<AppError | AuthUser> {
    if (!token) return CommonErrors.unauthorized();
    let user: AuthUser;
    try {
      user = await this.tokens.verify(token);
    } catch (err) {
      if (err instanceof AppError) return err;
      throw err;
    }
    if (user.role !== 'admin') return new AppError(403, 'FORBIDDEN', 'Accès réservé aux administrateurs');
    return user;
  }

  middleware(basePath: string) {
    const signInPath = `${basePath}/login`;
    return (req: Request, res: Response, next: NextFunction) => {
      const path = req.originalUrl.split('?')[0].replace(/\/+$/, '');
      if (path === signInPath && req.method === 'POST') {
        parseForm(req, res, (err?: unknown) => (err ? next(err) : this.signIn(req, res, basePath).catch(next)));
        return;
      }
      if (path === signInPath && req.method === 'GET') {
        // "Changer de compte": forget the board's cookie, show the form.
        res.clearCookie(BOARD_COOKIE, { path: basePath });
        this.html(res, 200, signInPage(signInPath));
        return;
      }
      const header = req.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const token = bearer || parseCookie(req.headers.cookie ?? '')[BOARD_COOKIE];
      this.check(token).then((outcome) => {
        if (outcome instanceof AppError) {
          if (wantsPage(req)) {
            if (outcome.status === 403) return this.html(res, 403, refusedPage(signInPath));
            const error = token ? 'Votre session a expiré ou a été fermée : reconnectez-vous.' : undefined;
            return this.html(res, 200, signInPage(signInPath, { error }));
          }
          const { body } = this.filter.toBody(outcome, req);
          res.status(body.statusCode).json(body);
          return;
        }
        if (bearer) this.setCookie(req, res, bearer, basePath);
        next();
      }, next);
    };
  }

  private async signIn(req: Request, res: Response, basePath: string): Promise<void> {
    const signInPath = `${basePath}/login`;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
    if (!email || !password) {
      this.html(
        res,
        400,
        signInPage(signInPath, { error: 'Saisissez votre adresse e-mail et votre mot de passe.', email }),
      );
      return;
    }
    const limit = await this.attempts.increment(
      this.attemptKey(`${req.ip}|${email}`),
      60_000,
      this.config.LOGIN_RATE_LIMIT_PER_MINUTE,
      60_000,
      'queues-board-login',
    );
    if (limit.isBlocked) {
      res.setHeader('Retry-After', String(limit.timeToBlockExpire));
      this.html(res, 429, signInPage(signInPath, { error: 'Trop de tentatives : réessayez dans une minute.', email }));
      return;
    }
    try {
      const signedIn = await this.login.execute(email, password, 'admin');
      this.setCookie(req, res, signedIn.accessToken, basePath);
      res.redirect(303, basePath);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      if (err.status === 403) {
        this.html(res, 403, refusedPage(signInPath));
        return;
      }
      this.logger.log('connexion au tableau des files refusée');
      this.html(res, 401, signInPage(signInPath, { error: 'Adresse e-mail ou mot de passe incorrect.', email }));
    }
  }

  private setCookie(req: Request, res: Response, token: string, basePath: string): void {
    res.cookie(BOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: basePath,
      maxAge: this.config.JWT_EXPIRES_IN_S * 1000,
    });
  }

  private html(res: Response, status: number, html: string): void {
    res.status(status).type('html').setHeader('Cache-Control', 'no-store');
    res.send(html);
  }
}

/** A browser navigating to a page (not the board's own API calls, not scripts). */
function wantsPage(req: Request): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}
