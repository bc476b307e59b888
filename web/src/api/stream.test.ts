import { describe, expect, it, vi } from 'vitest';
import { openTicketedStream } from './stream';

/** A scripted EventSource: the test opens, sends and cuts it. */
class FakeEventSource {
  static all: FakeEventSource[] = [];
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(name: string, l: (e: MessageEvent) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), l]);
  }
  close() {
    this.closed = true;
  }
  emit(name: string, data: unknown, id: string) {
    for (const l of this.listeners.get(name) ?? [])
      l(new MessageEvent(name, { data: JSON.stringify(data), lastEventId: id }));
  }
}

describe('openTicketedStream', () => {
  it('after a cut, asks for a new ticket and resumes after the last event it saw', async () => {
    vi.useFakeTimers();
    FakeEventSource.all = [];
    let tickets = 0;
    const events: unknown[] = [];
    const states: string[] = [];
    const close = openTicketedStream(
      {
        url: '/api/v1/conversations/c1/stream',
        ticket: async () => `t${++tickets}`,
        events: ['delta', 'message'],
        resume: true,
        retryMs: 500,
        EventSourceImpl: FakeEventSource as unknown as typeof EventSource,
      },
      { onEvent: (name, data) => events.push([name, data]), onState: (s) => states.push(s) },
    );
    await vi.runOnlyPendingTimersAsync();
    const first = FakeEventSource.all[0];
    expect(first.url).toBe('/api/v1/conversations/c1/stream?ticket=t1');
    first.onopen?.();
    first.emit('delta', { text: 'Bon' }, '17-0');
    first.onerror?.();
    expect(first.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    const second = FakeEventSource.all[1];
    expect(second.url).toBe('/api/v1/conversations/c1/stream?ticket=t2&lastEventId=17-0');
    second.emit('message', { message: { id: 'm1' } }, '18-0');
    expect(events).toEqual([
      ['delta', { text: 'Bon' }],
      ['message', { message: { id: 'm1' } }],
    ]);
    expect(states).toEqual(['connecting', 'open', 'retrying', 'connecting']);
    close();
    expect(second.closed).toBe(true);
    vi.useRealTimers();
  });

  it('keeps trying while the ticket cannot be had (network down), backing off', async () => {
    vi.useFakeTimers();
    FakeEventSource.all = [];
    let attempts = 0;
    const close = openTicketedStream(
      {
        url: '/s',
        ticket: async () => {
          attempts++;
          if (attempts < 3) throw new Error('hors ligne');
          return 'ok';
        },
        events: ['totals'],
        retryMs: 100,
        EventSourceImpl: FakeEventSource as unknown as typeof EventSource,
      },
      { onEvent: () => undefined },
    );
    await vi.advanceTimersByTimeAsync(100 + 200 + 10);
    expect(attempts).toBe(3);
    expect(FakeEventSource.all.map((e) => e.url)).toEqual(['/s?ticket=ok']);
    close();
    vi.useRealTimers();
  });
});
