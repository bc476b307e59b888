import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';
import { requestContext } from './request-context';

/**
 * Per request: runs the rest of the chain inside the request context (request id from
 * pino-http) and records the latency under the route pattern, not the raw URL.
 */
@Injectable()
export class HttpObservabilityMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
    });
    const requestId = String((req as { id?: unknown }).id ?? '');
    requestContext.run({ requestId }, next);
  }
}
