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
redis.call('HSET', KEYS[3], 'state', 'reserved', 'tokens', reserve, 'user', userLimit >= 0 and '1' or '0',
  'hackathon', ARGV[6], 'student', ARGV[7], 'at', ARGV[5])
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[8])
return {'OK', p + 1, t + reserve}
`;

// Settles (gives back the unused part) or releases (gives everything back) exactly once. A
// settlement never charges more than was reserved, whatever usage the provider reports.
// MISSING: the record died with Redis, or expired a week after its end (QuotaGate.restore
// brings back only what the ledger holds open, so a late retry never charges twice).
// DONE: this very step already ran; its numbers come back so a ledger row lost to a crash
// between Redis and MongoDB is written on the next try.
const FINISH = `
if redis.call('EXISTS', KEYS[3]) == 0 then return {'MISSING', 0, 0, 0, 0, 0} end
local state = redis.call('HGET', KEYS[3], 'state')
local reserved = tonumber(redis.call('HGET', KEYS[3], 'tokens'))
local user = redis.call('HGET', KEYS[3], 'user')
if state ~= 'reserved' then
  if state ~= ARGV[1] then return {'NOOP', 0, 0, 0, 0, 0} end
  local f = redis.call('HMGET', KEYS[3], 'dprompts', 'dtokens', 'charged')
  return {'DONE', tonumber(f[1] or '0'), tonumber(f[2] or '0'), tonumber(f[3] or '0'), user == '1' and 1 or 0, reserved}
end
if redis.call('EXISTS', KEYS[1]) == 0 then return {'REBUILD', 0, 0, 0, 0, 0} end
if user == '1' and redis.call('EXISTS', KEYS[2]) == 0 then return {'REBUILD_USER', 0, 0, 0, 0, 0} end
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
if user == '1' then redis.call('HINCRBY', KEYS[2], 'tokens', tokens) end
redis.call('HSET', KEYS[3], 'state', ARGV[1], 'dprompts', prompts, 'dtokens', tokens, 'charged', charged)
redis.call('EXPIRE', KEYS[3], ARGV[4])
redis.call('ZREM', KEYS[4], ARGV[3])
return {'OK', prompts, tokens, charged, user == '1' and 1 or 0, reserved}
`;

// Brings back the record of a reservation the ledger holds open (Redis lost it): the counters,
// rebuilt from the same ledger, hold its reserve step, so settling it charges its real usage.
const RESTORE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'state', 'reserved', 'tokens', ARGV[1], 'user', ARGV[2], 'hackathon', ARGV[3],
  'student', ARGV[4], 'at', ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[6])
return 1
`;

// Sets a counter hash to what the ledger says, only if it still holds what was read before the
// ledger (nothing moved it meanwhile) and no reservation of this student is younger than
// ARGV[n]: such a one may be in Redis and not yet in the ledger (the ledger row follows the script).
const REPAIR = `
local current = redis.call('HMGET', KEYS[1], unpack(cjson.decode(ARGV[1])))
local observed = cjson.decode(ARGV[2])
for i, v in ipairs(current) do
  if v == false then return 'ABSENT' end
  if tonumber(v) ~= observed[i] then return 'MOVED' end
end
local young = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[4], '+inf')
for _, id in ipairs(young) do
  if redis.call('HGET', KEYS[3] .. id, 'student') == ARGV[5] then return 'BUSY' end
end
local fields = cjson.decode(ARGV[1])
local wanted = cjson.decode(ARGV[3])
for i, f in ipairs(fields) do redis.call('HSET', KEYS[1], f, wanted[i]) end
return 'OK'
`;

/** How long a finished reservation's record stays in Redis (the ledger has it for good). */
const FINISHED_RECORD_TTL_S = 7 * 24 * 3600;

/** A reservation Redis holds open (`quota-open`): its record's numbers. */
export interface OpenReservation extends Reservation {
  userLimited: boolean;
  at: Date;
}

/**
 * Invariant 1: a student never spends more prompts or tokens than allowed, whatever the
 * concurrency. The check-and-reserve is one Redis Lua script (atomic on any Mongo engine);
 * every step is also appended to the usage ledger in MongoDB, the record: Redis is rebuilt
 * from it when its keys are gone (restart without persistence), open reservations included,
 * so an answer in flight across a Redis restart settles at its real usage.
 */
@Injectable()
export class QuotaGate {
  constructor(
    private readonly redis: RedisService,
    private readonly ledger: UsageLedgerRepository,
    private readonly clock: Clock,
  ) {}

  private keys(hackathonId: string, studentId: string, reservationId: string): [string, string, string, string] {
    return [
      this.redis.key('quota', hackathonId, studentId),
      this.redis.key('quota-user', studentId),
      this.redis.key('quota-res', reservationId),
      // Reservations not yet settled or released, by time reserved: the sweeper's way to a
      // charge that reached Redis but not the ledger (a process killed in between).
      this.redis.key('quota-open'),
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
      const at = this.clock.now();
      const [verdict, prompts, used] = (await this.run(RESERVE, keys, [
        limits.prompts,
        limits.tokens,
        userLimit,
        tokens,
        at.getTime(),
        hackathonId,
        studentId,
        reservationId,
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
            at,
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
    for (let attempt = 0; attempt < 4; attempt++) {
      const [verdict, prompts, tokens, charged, userLimited, reserved] = (await this.run(FINISH, keys, [
        kind,
        usedTokens,
        r.reservationId,
        FINISHED_RECORD_TTL_S,
      ])) as [string, number, number, number, number, number];
      switch (verdict) {
        case 'NOOP':
          return;
        case 'MISSING':
          if (!(await this.restore(r))) return;
          break;
        case 'REBUILD':
          await this.rebuild(r.hackathonId, r.studentId);
          break;
        case 'REBUILD_USER':
          await this.rebuildUser(r.studentId);
          break;
        case 'OK':
        case 'DONE': {
          const step = { hackathonId: r.hackathonId, studentId: r.studentId, reservationId: r.reservationId };
          // A release may follow a reserve whose ledger row was never written (the process died,
          // or MongoDB failed, right after the script): both rows, so the ledger nets to zero.
          if (kind === 'release')
            await this.ledger.append({
              ...step,
              kind: 'reserve',
              prompts: 1,
              tokens: reserved,
              userLimited: userLimited === 1,
              at: this.clock.now(),
            });
          await this.ledger.append({
            ...step,
            kind,
            prompts,
            tokens,
            used: charged,
            userLimited: userLimited === 1,
            at: this.clock.now(),
          });
          return;
        }
      }
    }
    throw CommonErrors.queueUnavailable();
  }

  /**
   * The record of `r` is gone from Redis. When the ledger holds its reservation open, the
   * record comes back (true: finish again); when the ledger has it finished, or never had it
   * (nothing was charged anywhere), there is nothing to do.
   */
  private async restore(r: Omit<Reservation, 'tokens'>): Promise<boolean> {
    const steps = await this.ledger.stepsOf(r.reservationId);
    const reserve = steps.find((s) => s.kind === 'reserve');
    if (!reserve || steps.some((s) => s.kind !== 'reserve')) return false;
    const keys = this.keys(r.hackathonId, r.studentId, r.reservationId);
    await this.run(
      RESTORE,
      [keys[2], keys[3]],
      [
        reserve.tokens,
        reserve.userLimited ? '1' : '0',
        r.hackathonId,
        r.studentId,
        reserve.at.getTime(),
        r.reservationId,
      ],
    );
    return true;
  }

  /** Reservations Redis holds open since before `before`, oldest first (the sweeper's). */
  async openInRedisBefore(before: Date, limit: number): Promise<OpenReservation[]> {
    const key = this.keys('none', 'none', 'none')[3];
    const ids = await this.redis.client.zrangebyscore(key, '-inf', before.getTime(), 'LIMIT', 0, limit);
    const out: OpenReservation[] = [];
    for (const id of ids) {
      const record = await this.redis.client.hgetall(this.keys('none', 'none', id)[2]);
      if (record.state !== 'reserved' || !record.hackathon || !record.student) {
        // Finished, or a record without its owner: nothing left to settle here.
        await this.redis.client.zrem(key, id);
        continue;
      }
      out.push({
        reservationId: id,
        hackathonId: record.hackathon,
        studentId: record.student,
        tokens: Number(record.tokens),
        userLimited: record.user === '1',
        at: new Date(Number(record.at)),
      });
    }
    return out;
  }

  /**
   * Sets a student's Redis counters to what the ledger says (the integrity check's repair).
   * `repaired` when they differed and were set; `busy` when a reservation of the student is too
   * young to be sure the ledger has it (try later); `absent` when Redis has none (the next read
   * rebuilds them).
   */
  async repairCounters(
    hackathonId: string,
    studentId: string,
    youngerThan: Date,
    dryRun: boolean,
  ): Promise<{
    pair: 'ok' | 'repaired' | 'differs' | 'busy' | 'absent';
    user: 'ok' | 'repaired' | 'differs' | 'busy' | 'absent';
  }> {
    const [pairKey, userKey, resKey, openKey] = this.keys(hackathonId, studentId, '');
    const fix = async (key: string, fields: string[], ledger: () => Promise<number[]>) => {
      const observed = (await this.redis.client.hmget(key, ...fields)).map((v) => (v === null ? null : Number(v)));
      if (observed.some((v) => v === null)) return 'absent' as const;
      const wanted = await ledger();
      if (wanted.every((v, i) => v === observed[i])) return 'ok' as const;
      if (dryRun) return 'differs' as const;
      const verdict = (await this.run(
        REPAIR,
        [key, openKey, resKey],
        [JSON.stringify(fields), JSON.stringify(observed), JSON.stringify(wanted), youngerThan.getTime(), studentId],
      )) as string;
      return verdict === 'OK' ? ('repaired' as const) : verdict === 'ABSENT' ? ('absent' as const) : ('busy' as const);
    };
    const pair = await fix(pairKey, ['prompts', 'tokens'], async () => {
      const u = await this.ledger.usageOf(hackathonId, studentId);
      return [u.prompts, u.tokens];
    });
    const user = await fix(userKey, ['tokens'], async () => [await this.ledger.userLimitedTokensOf(studentId)]);
    return { pair, user };
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
