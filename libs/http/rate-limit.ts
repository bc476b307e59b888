import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { CommonErrors } from './app-error';

export const RATE_LIMIT_RULE = 'rate-limit:rule';

/** Applies a named rate-limit rule (e.g. "login") on top of the per-user default. */
export const RateLimitRule = (rule: string) => SetMetadata(RATE_LIMIT_RULE, rule);

export function ruleOf(context: ExecutionContext): string | undefined {
  return Reflect.getMetadata(RATE_LIMIT_RULE, context.getHandler());
}

/** Throttler guard answering `429 RATE_LIMITED` with `Retry-After` in the API's error format. */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw CommonErrors.rateLimited(Math.max(1, detail.timeToBlockExpire || detail.timeToExpire));
  }
}
