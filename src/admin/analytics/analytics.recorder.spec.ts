import { AnalyticsRecorder } from './analytics.recorder';

describe('AnalyticsRecorder', () => {
  const clock = { now: () => new Date('2026-01-02T03:04:05Z') };
  const recorderWith = (create: (doc: unknown) => unknown) => new AnalyticsRecorder({ create } as any, clock as any);

  it('inserts one event with ids as ObjectIds and the clock’s time', async () => {
    const create = jest.fn().mockResolvedValue({});
    recorderWith(create).record('message-sent', {
      userId: 'a'.repeat(24),
      hackathonId: 'b'.repeat(24),
      metadata: { x: 1 },
    });
    expect(create).toHaveBeenCalledTimes(1);
    const doc = create.mock.calls[0][0];
    expect(doc.type).toBe('message-sent');
    expect(String(doc.userId)).toBe('a'.repeat(24));
    expect(String(doc.hackathonId)).toBe('b'.repeat(24));
    expect(doc.metadata).toEqual({ x: 1 });
    expect(doc.timestamp).toEqual(new Date('2026-01-02T03:04:05Z'));
  });

  it('never fails the caller: a rejected insert or a throwing driver is swallowed', async () => {
    const rejecting = recorderWith(jest.fn().mockRejectedValue(new Error('down')));
    expect(() => rejecting.record('sign-in', { userId: 'nope' })).not.toThrow();
    const throwing = recorderWith(() => {
      throw new Error('boom');
    });
    expect(() => throwing.record('sign-in')).not.toThrow();
    await new Promise((r) => setImmediate(r));
  });

  it('stores null for a missing or malformed id', () => {
    const create = jest.fn().mockResolvedValue({});
    recorderWith(create).record('sign-in', { userId: 'not-an-id' });
    expect(create.mock.calls[0][0]).toEqual(expect.objectContaining({ userId: null, hackathonId: null, metadata: {} }));
  });
});
