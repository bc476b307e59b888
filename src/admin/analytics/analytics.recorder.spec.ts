import { AnalyticsRecorder } from './analytics.recorder';

describe('AnalyticsRecorder', () => {
  const clock = { now: () => new Date('2026-01-02T03:04:05Z') };

  it('inserts one event with ids as ObjectIds and the clock’s time', async () => {
    const insertOne = jest.fn().mockResolvedValue({});
    const recorder = new AnalyticsRecorder({ collection: { insertOne } } as any, clock as any);
    recorder.record('message-sent', { userId: 'a'.repeat(24), hackathonId: 'b'.repeat(24), metadata: { x: 1 } });
    expect(insertOne).toHaveBeenCalledTimes(1);
    const doc = insertOne.mock.calls[0][0];
    expect(doc.type).toBe('message-sent');
    expect(String(doc.userId)).toBe('a'.repeat(24));
    expect(String(doc.hackathonId)).toBe('b'.repeat(24));
    expect(doc.metadata).toEqual({ x: 1 });
    expect(doc.timestamp).toEqual(new Date('2026-01-02T03:04:05Z'));
  });

  it('never fails the caller: a rejected insert or a throwing driver is swallowed', async () => {
    const rejecting = new AnalyticsRecorder(
      { collection: { insertOne: jest.fn().mockRejectedValue(new Error('down')) } } as any,
      clock as any,
    );
    expect(() => rejecting.record('sign-in', { userId: 'nope' })).not.toThrow();
    const throwing = new AnalyticsRecorder(
      {
        collection: {
          insertOne: () => {
            throw new Error('boom');
          },
        },
      } as any,
      clock as any,
    );
    expect(() => throwing.record('sign-in')).not.toThrow();
    await new Promise((r) => setImmediate(r));
  });

  it('stores null for a missing or malformed id', () => {
    const insertOne = jest.fn().mockResolvedValue({});
    new AnalyticsRecorder({ collection: { insertOne } } as any, clock as any).record('sign-in', {
      userId: 'not-an-id',
    });
    expect(insertOne.mock.calls[0][0]).toEqual(
      expect.objectContaining({ userId: null, hackathonId: null, metadata: {} }),
    );
  });
});
