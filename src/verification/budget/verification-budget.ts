import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { CommonErrors } from '../../../libs/http';
import { RedisService } from '../../../libs/redis';
import { LedgerStep, VerificationLedgerRepository } from './verification-ledger.repository';

/** One run attempt to charge: `subject` (submission + fingerprint) is the prefix of `runKey`. */
export interface BudgetRun {
  hackathonId: string;
  subject: string;
  runKey: string;
}

export type ReserveOutcome =
  /** Reserved now, or found reserved by an earlier call (a resumed run): go on with the call. */
  | { verdict: 'reserved'; tokens: number }
  /** This attempt was already settled or released: do not run it again. */
  | { verdict: 'finished' }
  /** The budget cannot hold this run: no call. */
  | { verdict: 'spent'; spent: number };

// Run states in the hackathon's runs hash: `r:<reserved>` in flight, `s:<reserved>:<charged>`
// settled, `x:<reserved>:0` released, `l:<reserved>:<charged>` released then settled late (FINISH).
// The counter `spent` holds what is reserved or charged.

// Checks and reserves in one atomic step; a run key is reserved once.
const RESERVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'REBUILD', 0, ''} end
local spent = tonumber(redis.call('HGET', KEYS[1], 'spent'))
local state = redis.call('HGET', KEYS[2], ARGV[1])
if state then return {'DUPLICATE', spent, state} end
local need = tonumber(ARGV[2])
if spent + need > tonumber(ARGV[3]) then return {'SPENT', spent, ''} end
redis.call('HINCRBY', KEYS[1], 'spent', need)
redis.call('HSET', KEYS[2], ARGV[1], 'r:' .. need)
return {'OK', spent + need, ''}
`;

// Settles (ARGV[2] >= 0: charges min(used, reserved)) or releases (ARGV[2] < 0) exactly once.
// A run Redis does not know (its reservation was lost with Redis after the rebuild read the
// ledger) is charged now: ARGV[3] is then what the ledger says was reserved ('' asks for it).
// A settle finds its attempt released when two runners shared it and the other's call failed
// while this one's finished and was recorded: the run is charged then (`l:<reserved>:<charged>`,
// the reservation having gone back with the release), once, never more than was reserved. The
// tokens were spent under a reservation given back too early: the counter may then pass the
// limit by that run (docs/contexts/verification.md).
const FINISH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'REBUILD', 0, 0, ''} end
local state = redis.call('HGET', KEYS[2], ARGV[1])
local reserved = 0
local counted = true
if not state then
  if ARGV[3] == '' then return {'UNKNOWN', 0, 0, ''} end
  reserved = tonumber(ARGV[3])
  counted = false
elseif string.sub(state, 1, 2) == 'r:' then
  reserved = tonumber(string.sub(state, 3))
else
  local kind, r, c = string.match(state, '^(%a):(%-?%d+):(%-?%d+)$')
  if kind ~= 'x' or tonumber(ARGV[2]) < 0 then return {'DONE', tonumber(r), tonumber(c), kind} end
  local late = tonumber(ARGV[2])
  if tonumber(r) > 0 and late > tonumber(r) then late = tonumber(r) end
  redis.call('HINCRBY', KEYS[1], 'spent', late)
  redis.call('HSET', KEYS[2], ARGV[1], 'l:' .. r .. ':' .. late)
  return {'OK', tonumber(r), late, 'l'}
end
local used = tonumber(ARGV[2])
local charged = 0
local kind = 'x'
if used >= 0 then
  kind = 's'
  charged = used
  if reserved > 0 and charged > reserved then charged = reserved end
end
if counted then
  redis.call('HINCRBY', KEYS[1], 'spent', charged - reserved)
else
  redis.call('HINCRBY', KEYS[1], 'spent', charged)
end
redis.call('HSET', KEYS[2], ARGV[1], kind .. ':' .. reserved .. ':' .. charged)
return {'OK', reserved, charged, kind}
`;

// Puts back the counter and every run state from the ledger, unless another caller did first.
const REBUILD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[2])
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
redis.call('HSET', KEYS[1], 'spent', ARGV[1])
return 1
`;

/**
 * Invariant 11: a hackathon's checks never spend more than its `quotas.tokensVerification`, and
 * each run attempt is charged once, whatever the concurrency, retries or crashes. As the
 * students' quota gate (src/conversation/quota/quota-gate.ts) does: the check-and-reserve is one
 * Redis Lua script; every step is also appended to the verification_ledger in MongoDB, from
 * which the counter and the state of every run (in flight, settled, released) are rebuilt when
 * Redis has lost them. Reserved: the run's prompt tokens + `maxTokens`; settled: what the
 * provider reported, never more than was reserved.
 */
@Injectable()
export class VerificationBudget {
  constructor(
    private readonly redis: RedisService,
    private readonly ledger: VerificationLedgerRepository,
    private readonly clock: Clock,
  ) {}

  private keys(hackathonId: string): [string, string] {
    return [this.redis.key('verif-budget', hackathonId), this.redis.key('verif-runs', hackathonId)];
  }

  /** Reserves `tokens` for one run attempt under `limit`, or says it was reserved (or finished) before. */
  async reserve(run: BudgetRun, tokens: number, limit: number): Promise<ReserveOutcome> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const [verdict, spent, state] = (await this.eval(RESERVE, this.keys(run.hackathonId), [
        run.runKey,
        tokens,
        limit,
      ])) as [string, number, string];
      switch (verdict) {
        case 'OK':
          await this.record(run, 'reserve', tokens, 0);
          return { verdict: 'reserved', tokens };
        case 'DUPLICATE': {
          if (state.startsWith('x:') || state.startsWith('l:')) {
            // Finished by a process that may have died before its ledger rows (they count attempts).
            const [, reserved, charged] = state.split(':').map(Number);
            await this.recordFinish(run, state[0], reserved, charged);
          }
          if (!state.startsWith('r:')) return { verdict: 'finished' };
          const reserved = Number(state.slice(2));
          // The process that reserved may have died before writing the ledger.
          await this.record(run, 'reserve', reserved, 0);
          return { verdict: 'reserved', tokens: reserved };
        }
        case 'SPENT':
          return { verdict: 'spent', spent };
        case 'REBUILD':
          await this.rebuild(run.hackathonId);
          break;
      }
    }
    throw CommonErrors.queueUnavailable();
  }

  /** After the call: charges what it used (never more than reserved), gives back the rest. Once per run attempt. */
  settle(run: BudgetRun, usedTokens: number): Promise<void> {
    return this.finish(run, Math.max(0, Math.round(usedTokens)));
  }

  /** A call that failed: everything reserved goes back (the next attempt has its own run key). Once. */
  release(run: BudgetRun): Promise<void> {
    return this.finish(run, -1);
  }

  /**
   * How many attempts of each run of `subject` failed and were given back, by `cas:repetition`
   * (run keys end with `:<cas>:<repetition>:<attempt>`): the next attempt's number.
   */
  async failedAttempts(subject: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const step of await this.ledger.stepsAbout(subject)) {
      if (step.kind !== 'release') continue;
      const [cas, repetition] = step.runKey.slice(subject.length + 1).split(':');
      const key = `${cas}:${repetition}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /** What the runs about `subject` hold now (reserved and charged): once all settled, what they cost. */
  async heldFor(subject: string): Promise<number> {
    return (await this.ledger.stepsAbout(subject)).reduce((sum, step) => sum + step.tokens, 0);
  }

  /** What the hackathon's checks hold now (reserved and charged). */
  async spentOf(hackathonId: string): Promise<number> {
    const key = this.keys(hackathonId)[0];
    let spent = await this.redis.client.hget(key, 'spent');
    if (spent === null) {
      await this.rebuild(hackathonId);
      spent = await this.redis.client.hget(key, 'spent');
    }
    return Number(spent ?? 0);
  }

  private async finish(run: BudgetRun, used: number): Promise<void> {
    let reservedIfUnknown = '';
    for (let attempt = 0; attempt < 4; attempt++) {
      const [verdict, reserved, charged, kind] = (await this.eval(FINISH, this.keys(run.hackathonId), [
        run.runKey,
        used,
        reservedIfUnknown,
      ])) as [string, number, number, string];
      switch (verdict) {
        case 'OK':
        case 'DONE':
          // DONE: settled before; the ledger row may be missing if that process died right after.
          await this.recordFinish(run, kind, reserved, charged);
          return;
        case 'UNKNOWN': {
          const reserve = (await this.ledger.stepsOfRun(run.runKey)).find((s) => s.kind === 'reserve');
          reservedIfUnknown = String(reserve?.tokens ?? 0);
          break;
        }
        case 'REBUILD':
          await this.rebuild(run.hackathonId);
          break;
      }
    }
    throw CommonErrors.queueUnavailable();
  }

  private async record(run: BudgetRun, kind: LedgerStep['kind'], tokens: number, used: number): Promise<void> {
    await this.ledger.append({ ...run, kind, tokens, used, at: this.clock.now() });
  }

  /**
   * The ledger rows of a finished attempt, as its state says (`s`, `x` or `l`, FINISH). Written
   * again after a crash, each row lands once (unique `(runKey, kind)`). A late settle writes the
   * release it followed too: its releaser may have died before writing it.
   */
  private async recordFinish(run: BudgetRun, kind: string, reserved: number, charged: number): Promise<void> {
    if (kind === 'l') {
      await this.record(run, 'release', -reserved, 0);
      await this.record(run, 'settle', charged, charged);
    } else await this.record(run, kind === 'x' ? 'release' : 'settle', charged - reserved, charged);
  }

  /** The counter and every run's state, from the ledger (runs in flight stay reserved). */
  private async rebuild(hackathonId: string): Promise<void> {
    const steps = await this.ledger.stepsOf(hackathonId);
    const byRun = new Map<string, Partial<Record<LedgerStep['kind'], { tokens: number; used: number }>>>();
    let spent = 0;
    for (const s of steps) {
      spent += s.tokens;
      const of = byRun.get(s.runKey) ?? {};
      of[s.kind] ??= { tokens: s.tokens, used: s.used ?? 0 };
      byRun.set(s.runKey, of);
    }
    // Whatever order the rows came in: both a release and a settle is a late settle (FINISH).
    const runs = new Map<string, string>();
    for (const [runKey, { reserve, release, settle }] of byRun) {
      if (release && settle) runs.set(runKey, `l:${-release.tokens}:${settle.used}`);
      else if (settle) runs.set(runKey, `s:${settle.used - settle.tokens}:${settle.used}`);
      else if (release) runs.set(runKey, `x:${-release.tokens}:0`);
      else if (reserve) runs.set(runKey, `r:${reserve.tokens}`);
    }
    await this.eval(REBUILD, this.keys(hackathonId), [spent, ...[...runs].flat()]);
  }

  private async eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await this.redis.client.eval(script, keys.length, ...keys, ...args);
    } catch {
      throw CommonErrors.queueUnavailable();
    }
  }
}
