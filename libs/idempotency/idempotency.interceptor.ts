import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, concatMap, from, mergeAll, Observable, of } from 'rxjs';
import type { AuthUser } from '../http';
import { IdempotencyErrors } from './idempotency.errors';
import { IdempotencyKeys } from './idempotency-keys';

const IDEMPOTENT_ROUTE = 'idempotency:route';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set on an answer that is the replay of a key's first answer. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** 1 to 255 visible ASCII characters (0x21–0x7E): a UUID, a ULID, any opaque token of the client. */
const VALID_KEY = /^[\x21-\x7E]{1,255}$/;

/**
 * `Idempotency-Key` on a route (docs/api.md, Idempotency-Key): the same key from the same user on
 * the same route within 24 h answers the first answer again, without doing the work twice.
 * `route` names the route (its operationId): keys are scoped by user and route.
 */
export function Idempotent(route: string) {
  return applyDecorators(
    SetMetadata(IDEMPOTENT_ROUTE, route),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        'Clé choisie par le client pour une action (un UUID par clic, reprise telle quelle quand il la réessaie) : ' +
        'la même clé du même utilisateur sur cette route pendant 24 h renvoie la première réponse réussie (même ' +
        'statut, même corps, en-tête Idempotent-Replayed: true) sans refaire le travail. Même clé avec une autre ' +
        'requête : 422 IDEMPOTENCY_KEY_REUSED ; première requête encore en cours : 409 IDEMPOTENCY_IN_PROGRESS ' +
        '(Retry-After) ; clé invalide : 400 INVALID_IDEMPOTENCY_KEY. Une réponse en erreur n’est pas retenue : ' +
        'la même clé peut être réessayée.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
    }),
  );
}

/** The request as the key's first use saw it: path parameters and body, keys sorted (JSON order is not meaning). */
export function fingerprintOf(req: Pick<Request, 'method' | 'params' | 'body'>): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify([req.method, canonical(req.params ?? {}), canonical(req.body ?? null)]))
    .digest('hex');
}

/**
 * Runs after the guards (the user is known) and around the pipes and the handler, so one place
 * serves every idempotent route (`@Idempotent()`), whatever its use case does.
 *
 * - Only a success is recorded. A 4xx or 5xx drops the claim: the same key may be retried and
 *   succeed (a 503 during an outage, a 409 REPLY_PENDING once the answer came). Nothing is lost by
 *   it: a failed send or submit has undone what it started (send-message.usecase.ts), so a retry
 *   cannot charge twice; and a 4xx that will always fail again costs the client nothing but the
 *   same answer.
 * - Concurrent requests with one key: the unique insert of the claim picks the one that works;
 *   the others read the row until its answer is there (replayed), it disappears (its request
 *   failed: one of them claims it next), or IDEMPOTENCY_WAIT_MS passes (409 IDEMPOTENCY_IN_PROGRESS).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly keys: IdempotencyKeys,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const header = req.headers['idempotency-key'];
    // The hot path: a send without the header costs nothing more (no read, no write).
    if (header === undefined) return next.handle();
    return from(this.withKey(ctx, req, String(header), next)).pipe(mergeAll());
  }

  private async withKey(
    ctx: ExecutionContext,
    req: Request & { user?: AuthUser },
    key: string,
    next: CallHandler,
  ): Promise<Observable<unknown>> {
    if (!VALID_KEY.test(key)) throw IdempotencyErrors.invalidKey();
    const route = this.reflector.get<string | undefined>(IDEMPOTENT_ROUTE, ctx.getHandler());
    // Idempotent routes are authenticated; without a user there is no one to scope the key to.
    if (!route || !req.user) return next.handle();
    const start = await this.keys.start({ userId: req.user.id, route, key }, fingerprintOf(req));
    switch (start.kind) {
      case 'reused':
        throw IdempotencyErrors.keyReused();
      case 'in-progress':
        throw IdempotencyErrors.inProgress();
      case 'replay': {
        const res = ctx.switchToHttp().getResponse<Response>();
        res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
        res.status(start.status);
        return of(JSON.parse(start.body) as unknown);
      }
      case 'claimed':
        break;
    }
    const { claimId } = start;
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, ctx.getHandler()) ??
      (req.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      // Recorded before the client gets it: a retry after the answer always finds it.
      concatMap(async (answer: unknown) => {
        await this.keys
          .finish(claimId, status, JSON.stringify(answer ?? null))
          .catch((err: Error) => this.logger.error(`réponse de la clé d’idempotence non enregistrée : ${err.message}`));
        return answer;
      }),
      catchError(async (err: unknown) => {
        await this.keys
          .abandon(claimId)
          .catch((e: Error) => this.logger.warn(`clé d’idempotence non libérée (expirera) : ${e.message}`));
        throw err;
      }),
    );
  }
}
