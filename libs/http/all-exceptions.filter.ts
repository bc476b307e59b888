import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError, CommonErrors } from './app-error';
import { outageErrorOf } from './outages';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown[];
  errorId?: string;
}

const STATUS_CODES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'Requête invalide'],
  401: ['UNAUTHORIZED', 'Authentification requise'],
  403: ['FORBIDDEN', 'Accès refusé'],
  404: ['NOT_FOUND', 'Ressource introuvable'],
  405: ['METHOD_NOT_ALLOWED', 'Méthode non autorisée'],
  409: ['CONFLICT', 'Conflit avec l’état actuel'],
  413: ['PAYLOAD_TOO_LARGE', 'Corps de requête trop volumineux (1 Mio au maximum)'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Type de contenu non pris en charge'],
  429: ['RATE_LIMITED', 'Trop de requêtes, réessayez plus tard'],
  503: ['SERVICE_UNAVAILABLE', 'Service momentanément indisponible'],
};

/** What the filter reads of an unknown error (driver, Mongoose, body-parser): all optional. */
interface LooseError {
  code?: unknown;
  keyPattern?: Record<string, unknown>;
  keyValue?: Record<string, unknown>;
  message?: unknown;
  type?: unknown;
  name?: unknown;
  kind?: unknown;
  errors?: Record<string, { message?: unknown }>;
  status?: unknown;
  statusCode?: unknown;
  value?: unknown;
}

/** The Mongo duplicate-key error, from MongoDB (11000) or FerretDB (same code on inserts). */
function duplicateField(err: LooseError | null): string | undefined {
  if (err?.code !== 11000 && err?.code !== 11001) return undefined;
  const fromPattern = err.keyPattern ? Object.keys(err.keyPattern)[0] : undefined;
  const fromValue = err.keyValue ? Object.keys(err.keyValue)[0] : undefined;
  const fromMessage = /index: (?:\S+\.\$)?([A-Za-z0-9_.]+?)_-?1/.exec(String(err.message ?? ''))?.[1];
  return fromPattern ?? fromValue ?? fromMessage ?? 'valeur';
}

/**
 * The one place where errors become HTTP answers (docs/api.md error body). Everything that is not
 * a known error becomes a 500 with an error id that is logged beside the stack.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const { body, headers } = this.toBody(exception, req);
    if (body.statusCode === 503) {
      // A dependency away (outages.ts): expected while it lasts, one line without a stack.
      this.logger.warn({ code: body.code, path: req?.originalUrl }, (exception as Error)?.message ?? body.code);
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception, errorId: body.errorId, path: req?.originalUrl }, 'Unhandled error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown, req?: Request): { body: ErrorBody; headers?: Record<string, string> } {
    const err = exception as LooseError | null;
    if (exception instanceof AppError) {
      return { body: this.fromAppError(exception), headers: exception.headers };
    }
    // body-parser errors (raised before routing)
    if (err?.type === 'entity.parse.failed') return { body: this.fromAppError(CommonErrors.invalidJson()) };
    if (err?.type === 'entity.too.large') return { body: this.fromAppError(CommonErrors.payloadTooLarge()) };

    // The engine or Redis cannot be reached: 503 with Retry-After, never 500 (outages.ts).
    const outage = outageErrorOf(exception);
    if (outage) return { body: this.fromAppError(outage), headers: outage.headers };

    const dup = duplicateField(err);
    if (dup) return { body: this.fromAppError(CommonErrors.duplicateKey(dup)) };
    if (err?.name === 'ValidationError' && err?.errors) {
      const details = Object.entries(err.errors).map(([field, e]) => ({
        field,
        messages: [String(e.message)],
      }));
      return {
        body: this.fromAppError(CommonErrors.validation(details, details.map((d) => d.messages[0]).join(', '))),
      };
    }
    if (err?.name === 'CastError' && err?.kind === 'ObjectId') {
      return { body: this.fromAppError(CommonErrors.invalidId(String(err.value))) };
    }

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(exception.message) && req) {
        return { body: this.fromAppError(CommonErrors.routeNotFound(req.method, req.path)) };
      }
      const [code, message] = STATUS_CODES[status] ?? [`HTTP_${status}`, exception.message];
      return { body: { statusCode: status, code, message } };
    }
    if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500 && STATUS_CODES[err.status]) {
      const [code, message] = STATUS_CODES[err.status];
      return { body: { statusCode: err.status, code, message } };
    }
    return {
      body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Erreur interne du serveur', errorId: randomUUID() },
    };
  }

  private fromAppError(e: AppError): ErrorBody {
    const body: ErrorBody = { statusCode: e.status, code: e.code, message: e.message };
    if (e.details !== undefined) body.details = e.details;
    return body;
  }
}
