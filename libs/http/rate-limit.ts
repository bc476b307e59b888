import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { createHmac } from 'node:crypto';
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

/**
 * Throttler keys as an HMAC of the route, the throttler and the tracker (an IP, an email, a
 * user id), keyed with a server secret: Redis never holds an email or an IP in clear, and
 * unlike a bare SHA-256 a key cannot be tested against a list of guessed emails.
 */
export function keyedThrottlerKey(secret: string) {
  const hash = keyedHash(secret, 'throttler-keys');
  return (context: ExecutionContext, tracker: string, throttlerName: string): string =>
    hash(`${context.getClass().name}-${context.getHandler().name}-${throttlerName}-${tracker}`);
}

/** An HMAC-SHA256 (hex) keyed with a key derived from `secret` for one `purpose`. */
export function keyedHash(secret: string, purpose: string): (value: string) => string {
  const key = createHmac('sha256', secret).update(purpose).digest();
  return (value) => createHmac('sha256', key).update(value).digest('hex');
}
