import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { AppError, CommonErrors } from '../../../libs/http';
import { RedisService } from '../../../libs/redis';
import { UsageLedgerRepository } from './usage-ledger.repository';

export interface QuotaLimits {
  prompts: number;
  tokens: number;
  /** The user's own `tokensAuthorized` across hackathons, when set. */
  userTokens?: number | null;
}

export interface Reservation {
  reservationId: string;
  hackathonId: string;
  studentId: string;
  tokens: number;
}

/** docs/api.md 1.1: a quota answer says which limit, how much is used and the limit; no Retry-After (waiting does not help). */
export interface QuotaDetail {
  kind: 'prompts' | 'tokens' | 'userTokens';
  used: number;
  limit: number;
}

export const QuotaErrors = {
  promptsExceeded: (detail: QuotaDetail) =>
    new AppError(429, 'QUOTA_PROMPTS_EXCEEDED', 'Quota de prompts atteint pour ce hackathon', [detail]),
  tokensExceeded: (detail: QuotaDetail) =>
    new AppError(429, 'QUOTA_TOKENS_EXCEEDED', 'Ce message dépasserait votre quota de tokens', [detail]),
};

// Checks and reserves in one atomic step; a reservation id is used once.
const RESERVE = `
if redis.call('EXISTS', KEYS[3]) == 1 then return {'DUPLICATE', 0, 0} end
if redis.call('EXISTS', KEYS[1]) == 0 then return {'REBUILD', 0, 0} end
local userLimit = tonumber(ARGV[3])
if userLimit >= 0 and redis.call('EXISTS', KEYS[2]) == 0 then return {'REBUILD_USER', 0, 0} end
local p = tonumber(redis.call('HGET', KEYS[1], 'prompts') or '0')
local t = tonumber(redis.call('HGET', KEYS[1], 'tokens') or '0')
local reserve = tonumber(ARGV[4])
if p + 1 > tonumber(ARGV[1]) then return {'PROMPTS', p, t} end
if t + reserve > tonumber(ARGV[2]) then return {'TOKENS', p, t} end
if userLimit >= 0 then
  local u = tonumber(redis.call('HGET', KEYS[2], 'tokens') or '0')
  if u + reserve > userLimit then return {'USER_TOKENS', p, u} end
  redis.call('HINCRBY', KEYS[2], 'tokens', reserve)
end
redis.call('HINCRBY', KEYS[1], 'prompts', 1)
redis.call('HINCRBY', KEYS[1], 'tokens', reserve)
redis.call('HSET', KEYS[3], 'state', 'reserved', 'tokens', reserve, 'user', userLimit >= 0 and '1' or '0')
return {'OK', p + 1, t + reserve}
`;

// Settles (gives back the unused part) or releases (gives everything back) exactly once. A
// settlement never charges more than was reserved, whatever usage the provider reports.
const FINISH = `
if redis.call('HGET', KEYS[3], 'state') ~= 'reserved' then return {'NOOP', 0, 0, 0, 0} end
local reserved = tonumber(redis.call('HGET', KEYS[3], 'tokens'))
local prompts = 0
local tokens = 0
local charged = 0
if ARGV[1] == 'release' then
  prompts = -1
  tokens = -reserved
else
  charged = math.min(tonumber(ARGV[2]), reserved)
  tokens = charged - reserved
end
redis.call('HINCRBY', KEYS[1], 'prompts', prompts)
redis.call('HINCRBY', KEYS[1], 'tokens', tokens)
local user = redis.call('HGET', KEYS[3], 'user')
if user == '1' then redis.call('HINCRBY', KEYS[2], 'tokens', tokens) end
redis.call('HSET', KEYS[3], 'state', ARGV[1])
return {'OK', prompts, tokens, charged, user == '1' and 1 or 0}
`;

/**
 * Invariant 1: a student never spends more prompts or tokens than allowed, whatever the
 * concurrency. The check-and-reserve is one Redis Lua script (atomic on any Mongo engine);
 * every step is also appended to the usage ledger in MongoDB, from which Redis is rebuilt
 * when its keys are gone (restart without persistence).
 */
@Injectable()
export class QuotaGate {
  constructor(
    private readonly redis: RedisService,
    private readonly ledger: UsageLedgerRepository,
    private readonly clock: Clock,
  ) {}

  private keys(hackathonId: string, studentId: string, reservationId: string): [string, string, string] {
    return [
      this.redis.key('quota', hackathonId, studentId),
      this.redis.key('quota-user', studentId),
      this.redis.key('quota-res', reservationId),
    ];
  }

  /** Reserves one prompt and `tokens` (an upper bound) or throws 429 QUOTA_*_EXCEEDED. */
  async reserve(
    hackathonId: string,
    studentId: string,
    reservationId: string,
    tokens: number,
    limits: QuotaLimits,
  ): Promise<Reservation> {
    const keys = this.keys(hackathonId, studentId, reservationId);
    const userLimit = limits.userTokens ?? -1;
    for (let attempt = 0; attempt < 3; attempt++) {
      const [verdict, prompts, used] = (await this.run(RESERVE, keys, [
        limits.prompts,
        limits.tokens,
        userLimit,
        tokens,
      ])) as [string, number, number];
      switch (verdict) {
        case 'OK':
          await this.ledger.append({
            hackathonId,
            studentId,
            reservationId,
            kind: 'reserve',
            prompts: 1,
            tokens,
            userLimited: userLimit >= 0,
            at: this.clock.now(),
          });
          return { reservationId, hackathonId, studentId, tokens };
        case 'DUPLICATE':
          return { reservationId, hackathonId, studentId, tokens };
        case 'PROMPTS':
          throw QuotaErrors.promptsExceeded({ kind: 'prompts', used: prompts, limit: limits.prompts });
        case 'TOKENS':
          throw QuotaErrors.tokensExceeded({ kind: 'tokens', used, limit: limits.tokens });
        case 'USER_TOKENS':
          throw QuotaErrors.tokensExceeded({ kind: 'userTokens', used, limit: userLimit });
        case 'REBUILD':
          await this.rebuild(hackathonId, studentId);
          break;
        case 'REBUILD_USER':
          await this.rebuildUser(studentId);
          break;
      }
    }
    throw CommonErrors.queueUnavailable();
  }

  /** After the AI call: charge what was used (never more than reserved), give back the rest. Once only. */
  async settle(r: Omit<Reservation, 'tokens'>, usedTokens: number): Promise<void> {
    await this.finish(r, 'settle', usedTokens);
  }

  /** A job that failed for good: the prompt and its tokens go back. Once only. */
  async release(r: Omit<Reservation, 'tokens'>): Promise<void> {
    await this.finish(r, 'release', 0);
  }

  async usage(hackathonId: string, studentId: string): Promise<{ prompts: number; tokens: number }> {
    const key = this.keys(hackathonId, studentId, 'none')[0];
    let values = await this.redis.client.hmget(key, 'prompts', 'tokens');
    if (values[0] === null) {
      await this.rebuild(hackathonId, studentId);
      values = await this.redis.client.hmget(key, 'prompts', 'tokens');
    }
    return { prompts: Number(values[0] ?? 0), tokens: Number(values[1] ?? 0) };
  }

  /**
   * Whether `reserve` would take one prompt and `tokens` now (nothing reserved): the same
   * limits, read without the script, so only a hint — the send's reservation decides.
   */
  async wouldAllow(hackathonId: string, studentId: string, tokens: number, limits: QuotaLimits): Promise<boolean> {
    const used = await this.usage(hackathonId, studentId);
    if (used.prompts + 1 > limits.prompts || used.tokens + tokens > limits.tokens) return false;
    if (limits.userTokens === null || limits.userTokens === undefined) return true;
    const key = this.keys('none', studentId, 'none')[1];
    if ((await this.redis.client.hexists(key, 'tokens')) === 0) await this.rebuildUser(studentId);
    const userUsed = Number((await this.redis.client.hget(key, 'tokens')) ?? 0);
    return userUsed + tokens <= limits.userTokens;
  }

  /** `usage` for a whole class: one pipelined round trip; only missing counters are rebuilt. */
  async usageOfMany(
    hackathonId: string,
    studentIds: string[],
  ): Promise<Map<string, { prompts: number; tokens: number }>> {
    const pipeline = this.redis.client.pipeline();
    for (const s of studentIds) pipeline.hmget(this.keys(hackathonId, s, 'none')[0], 'prompts', 'tokens');
    const replies = (await pipeline.exec()) ?? [];
    const out = new Map<string, { prompts: number; tokens: number }>();
    await Promise.all(
      studentIds.map(async (s, i) => {
        const [err, values] = replies[i] as [Error | null, (string | null)[]];
        out.set(
          s,
          err || values[0] === null
            ? await this.usage(hackathonId, s)
            : { prompts: Number(values[0] ?? 0), tokens: Number(values[1] ?? 0) },
        );
      }),
    );
    return out;
  }

  private async finish(r: Omit<Reservation, 'tokens'>, kind: 'settle' | 'release', usedTokens: number): Promise<void> {
    const keys = this.keys(r.hackathonId, r.studentId, r.reservationId);
    const [verdict, prompts, tokens, charged, userLimited] = (await this.run(FINISH, keys, [kind, usedTokens])) as [
      string,
      number,
      number,
      number,
      number,
    ];
    if (verdict !== 'OK') return;
    await this.ledger.append({
      hackathonId: r.hackathonId,
      studentId: r.studentId,
      reservationId: r.reservationId,
      kind,
      prompts,
      tokens,
      used: charged,
      userLimited: userLimited === 1,
      at: this.clock.now(),
    });
  }

  /** Tokens a student really used, all hackathons: recomputed from the ledger, so idempotent. */
  usedTokensOf(studentId: string): Promise<number> {
    return this.ledger.usedTokensOf(studentId);
  }

  private async rebuild(hackathonId: string, studentId: string): Promise<void> {
    const usage = await this.ledger.usageOf(hackathonId, studentId);
    const key = this.keys(hackathonId, studentId, 'none')[0];
    // HSETNX: a concurrent rebuild or a reservation that got in first wins.
    await this.redis.client.multi().hsetnx(key, 'prompts', usage.prompts).hsetnx(key, 'tokens', usage.tokens).exec();
  }

  private async rebuildUser(studentId: string): Promise<void> {
    const tokens = await this.ledger.userLimitedTokensOf(studentId);
    await this.redis.client.hsetnx(this.keys('none', studentId, 'none')[1], 'tokens', tokens);
  }

  private async run(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await this.redis.client.eval(script, keys.length, ...keys, ...args);
    } catch {
      throw CommonErrors.queueUnavailable();
    }
  }
}
