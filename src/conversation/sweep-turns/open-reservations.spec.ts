import type { UserDirectory } from '../../identity';
import type { ConversationRepository } from '../conversation.repository';
import type { QuotaGate } from '../quota/quota-gate';
import type { UsageLedgerRepository } from '../quota/usage-ledger.repository';
import { OpenReservations } from './open-reservations';

const at = new Date('2026-12-07T11:00:00Z');
const row = (reservationId: string, finished = false) => ({
  reservationId,
  hackathonId: 'h',
  studentId: 's',
  tokens: 500,
  at,
  finished,
});
const message = (id: string, role: string, replyTo: string | null = null, tokenCount: number | null = null) => ({
  id,
  role,
  content: '…',
  createdAt: at.toISOString(),
  tokenCount,
  modelUsed: null,
  replyTo,
  contextTokens: null,
});

describe('OpenReservations', () => {
  function setup() {
    const conversation = {
      id: 'c1',
      pendingMessageId: 'pending',
      messages: [
        message('answered', 'student'),
        message('a1', 'assistant', 'answered', 87),
        message('failed', 'student'),
        message('f1', 'system', 'failed'),
        message('pending', 'student'),
      ],
    };
    const conversations = { ofStudentIn: jest.fn(async () => [conversation]) };
    const gate = {
      settle: jest.fn(async () => undefined),
      release: jest.fn(async () => undefined),
      usedTokensOf: jest.fn(async () => 87),
      openInRedisBefore: jest.fn(async () => [
        { ...row('redis-only'), userLimited: false },
        { ...row('in-ledger-too'), userLimited: false },
      ]),
    };
    const ledger = {
      openBefore: jest.fn(async () => [
        row('done', true),
        row('answered'),
        row('failed'),
        row('pending'),
        row('never-stored'),
      ]),
      markClosed: jest.fn(async () => undefined),
      reservedAmong: jest.fn(async () => new Set(['in-ledger-too'])),
    };
    const users = { recordTokensUsed: jest.fn(async () => undefined) };
    const sweep = new OpenReservations(
      conversations as unknown as ConversationRepository,
      gate as unknown as QuotaGate,
      ledger as unknown as UsageLedgerRepository,
      users as unknown as UserDirectory,
    );
    return { conversations, gate, ledger, users, sweep };
  }

  it('settles an answered reservation at its answer’s tokens, releases a failed or never stored one, leaves a pending turn', async () => {
    const { gate, ledger, users, sweep, conversations } = setup();
    const before = new Date('2026-12-07T11:59:30Z');
    await expect(sweep.finish(before)).resolves.toEqual({ settled: 1, released: 3 });
    const r = (id: string) => ({ reservationId: id, hackathonId: 'h', studentId: 's' });
    expect(gate.settle).toHaveBeenCalledTimes(1);
    expect(gate.settle).toHaveBeenCalledWith(expect.objectContaining(r('answered')), 87);
    expect(users.recordTokensUsed).toHaveBeenCalledWith('s', 87);
    const released = gate.release.mock.calls.map((c: unknown[]) => (c[0] as { reservationId: string }).reservationId);
    // A charge only Redis holds (its ledger row never written) is released too; one the ledger has is the ledger's.
    expect(released.sort()).toEqual(['failed', 'never-stored', 'redis-only']);
    // The pending turn keeps its mark (the turn sweeper's); the finished one only loses it.
    expect(ledger.markClosed).toHaveBeenCalledWith(['done', 'answered', 'failed', 'never-stored']);
    expect(ledger.openBefore).toHaveBeenCalledWith(before, 200, undefined);
    // One read of the student's conversations for all of them.
    expect(conversations.ofStudentIn).toHaveBeenCalledTimes(1);
  });

  it('for one student (the integrity check’s repair) looks at the ledger only', async () => {
    const { gate, ledger, sweep } = setup();
    await sweep.finish(new Date(), { hackathonId: 'h', studentId: 's' });
    expect(ledger.openBefore).toHaveBeenCalledWith(expect.any(Date), 200, { hackathonId: 'h', studentId: 's' });
    expect(gate.openInRedisBefore).not.toHaveBeenCalled();
  });

  it('a reservation that cannot be finished now (Redis away) is retried by the next run: its mark stays', async () => {
    const { gate, ledger, sweep } = setup();
    gate.release.mockRejectedValueOnce(new Error('Connection is closed.'));
    await expect(sweep.finish(new Date())).resolves.toEqual({ settled: 1, released: 2 });
    expect(ledger.markClosed).toHaveBeenCalledWith(['done', 'answered', 'never-stored']);
  });
});
