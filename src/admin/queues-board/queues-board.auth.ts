import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { AppConfig } from '../../../config/env.schema';
import { AllExceptionsFilter, AppError, isObjectIdString } from '../../../libs/http';
import { UserDirectory } from '../../identity';

export const BOARD_COOKIE = 'pc_queues_board';

/**
 * Guards Bull Board (plain express middleware: the app's JWT guard never sees it). The bearer
 * token is checked as the API checks it (HS256, issuer, audience, expiry), then the role is
 * read from the database through `UserDirectory` (a deleted user gets nothing). The board's
 * page loads its assets and API with plain browser requests, so a valid admin token is also
 * kept in an HttpOnly cookie scoped to the board's path.
 */
@Injectable()
export class QueuesBoardAuth {
  private readonly filter = new AllExceptionsFilter();

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly users: UserDirectory,
  ) {}

  /** The admin behind a token, or the error to answer (401 no/bad token, 403 not admin). */
  async check(token: string | undefined): Promise<AppError | null> {
    if (!token) return new AppError(401, 'UNAUTHORIZED', 'Authentification requise');
    let sub: unknown;
    try {
      sub = (
        jwt.verify(token, this.config.JWT_SECRET, {
          algorithms: ['HS256'],
          issuer: this.config.JWT_ISSUER,
          audience: this.config.JWT_AUDIENCE,
        }) as jwt.JwtPayload
      ).sub;
    } catch {
      return new AppError(401, 'TOKEN_INVALID', 'Jeton invalide ou expiré');
    }
    const user = isObjectIdString(sub) ? await this.users.findById(sub) : null;
    if (!user) return new AppError(401, 'TOKEN_INVALID', 'Jeton invalide ou expiré');
    if (user.role !== 'admin') return new AppError(403, 'FORBIDDEN', 'Accès réservé aux administrateurs');
    return null;
  }

  middleware(basePath: string) {
    return (req: Request, res: Response, next: NextFunction) => {
      const header = req.headers.authorization;
      const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const token = bearer || readCookie(req.headers.cookie, BOARD_COOKIE);
      this.check(token).then(
        (err) => {
          if (err) {
            const { body } = this.filter.toBody(err, req);
            res.status(body.statusCode).json(body);
            return;
          }
          if (bearer) {
            res.cookie(BOARD_COOKIE, bearer, {
              httpOnly: true,
              sameSite: 'strict',
              secure: req.secure,
              path: basePath,
            });
          }
          next();
        },
        (e) => next(e),
      );
    };
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
