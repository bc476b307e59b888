import { AppConfig } from '../../../config/env.schema';
import { FixedClock } from '../../../test/support/builders';
import type { ConversationRepository } from '../conversation.repository';
import type { GenerateReplyUseCase } from '../generate-reply/generate-reply.usecase';
import type { ReplyJobs } from '../reply-jobs';
import type { FinalCopies } from '../submit-final/final-copies';
import type { OpenReservations } from './open-reservations';
import { SweepTurnsUseCase } from './sweep-turns.usecase';

const job = {
  conversationId: 'c3',
  messageId: 'm3',
  hackathonId: 'h',
  studentId: 's',
  countsUsage: true,
  promptTokens: 12,
};

describe('SweepTurnsUseCase', () => {
  function setup() {
    const repo = {
      pendingSince: jest.fn(async () => ['c1', 'c2', 'c3', 'c4']),
      findWithMessages: jest.fn(async (id: string) => (id === 'c4' ? null : { id })),
    };
    const states: Record<string, unknown> = {
      c1: { state: 'alive' },
      c2: { state: 'requeued' },
      c3: { state: 'exhausted', job },
    };
    const replies = { keepAlive: jest.fn(async (c: { id: string }) => states[c.id]) };
    const generate = { fail: jest.fn(async () => undefined) };
    const finals = { completeUnfinished: jest.fn(async () => 2) };
    const reservations = { finish: jest.fn(async () => ({ settled: 1, released: 3 })) };
    const clock = new FixedClock(new Date('2026-12-07T12:00:00Z'));
    const sweep = new SweepTurnsUseCase(
      repo as unknown as ConversationRepository,
      replies as unknown as ReplyJobs,
      generate as unknown as GenerateReplyUseCase,
      finals as unknown as FinalCopies,
      reservations as unknown as OpenReservations,
      clock,
      { TURN_SWEEP_AFTER_MS: 30_000 } as AppConfig,
    );
    return { repo, replies, generate, reservations, sweep };
  }

  it('looks at turns untouched for TURN_SWEEP_AFTER_MS: leaves a live job, counts a new run, fails (and so refunds) a turn whose runs are spent', async () => {
    const { repo, generate, reservations, sweep } = setup();
    await expect(sweep.execute()).resolves.toEqual({
      looked: 4,
      requeued: 1,
      failed: 1,
      finalsCompleted: 2,
      reservationsSettled: 1,
      reservationsReleased: 3,
    });
    expect(repo.pendingSince).toHaveBeenCalledWith(new Date('2026-12-07T11:59:30Z'), 200);
    expect(generate.fail).toHaveBeenCalledTimes(1);
    expect(generate.fail).toHaveBeenCalledWith(job, expect.any(Error));
    // Reservations older than the same grace are finished too (a send killed past the gate).
    expect(reservations.finish).toHaveBeenCalledWith(new Date('2026-12-07T11:59:30Z'));
  });

  it('one conversation that cannot be checked (Redis away) does not stop the others', async () => {
    const { replies, generate, sweep } = setup();
    replies.keepAlive.mockRejectedValueOnce(new Error('Connection is closed.'));
    await expect(sweep.execute()).resolves.toEqual({
      looked: 4,
      requeued: 1,
      failed: 1,
      finalsCompleted: 2,
      reservationsSettled: 1,
      reservationsReleased: 3,
    });
    expect(generate.fail).toHaveBeenCalledTimes(1);
  });
});
