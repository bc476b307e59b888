import { AnswerStream } from './answer-stream';

/** A publish that records what it sent; `hold()` keeps the next sends in flight until `release()`. */
function recorder() {
  const sent: string[] = [];
  let gate: Promise<void> | null = null;
  let open: () => void = () => undefined;
  return {
    sent,
    publish: async (text: string) => {
      if (gate) await gate;
      sent.push(text);
    },
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      gate = null;
      open();
    },
  };
}

describe('AnswerStream', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const timing = { flushMs: 100, maxChars: 20 };

  it('sends the first piece at once, then holds the next ones until flushMs has passed', async () => {
    const r = recorder();
    const answer = new AnswerStream(r.publish, timing);
    answer.push('Bon');
    await jest.advanceTimersByTimeAsync(0);
    expect(r.sent).toEqual(['Bon']);

    answer.push('jour');
    answer.push(' à');
    await jest.advanceTimersByTimeAsync(99);
    expect(r.sent).toEqual(['Bon']);
    await jest.advanceTimersByTimeAsync(1);
    expect(r.sent).toEqual(['Bon', 'jour à']);

    // Nothing held: no timer, no empty delta.
    await jest.advanceTimersByTimeAsync(1000);
    expect(r.sent).toEqual(['Bon', 'jour à']);
  });

  it('sends as soon as the held text reaches maxChars, without waiting for the timer', async () => {
    const r = recorder();
    const answer = new AnswerStream(r.publish, timing);
    answer.push('A');
    answer.push('0123456789');
    answer.push('0123456789');
    await jest.advanceTimersByTimeAsync(0);
    expect(r.sent).toEqual(['A', '01234567890123456789']);
    // The timer armed by the first held piece found nothing left to send.
    await jest.advanceTimersByTimeAsync(100);
    expect(r.sent).toHaveLength(2);
  });

  it('close() sends what is held at once and resolves only after every delta is published', async () => {
    const r = recorder();
    const answer = new AnswerStream(r.publish, timing);
    answer.push('Un');
    answer.push(' deux');
    let closed = false;
    const closing = answer.close().then(() => (closed = true));
    await jest.advanceTimersByTimeAsync(0);
    await closing;
    expect(closed).toBe(true);
    expect(r.sent).toEqual(['Un', ' deux']);
    // A piece after close (a late callback) is not sent.
    answer.push(' trois');
    await jest.advanceTimersByTimeAsync(1000);
    expect(r.sent.join('')).toBe('Un deux');
  });

  it('keeps one send in flight and coalesces what arrives meanwhile, in order', async () => {
    const r = recorder();
    const answer = new AnswerStream(r.publish, timing);
    r.hold();
    answer.push('a');
    for (const piece of ['b', 'c', 'd']) {
      answer.push(piece);
      await jest.advanceTimersByTimeAsync(100);
    }
    expect(r.sent).toEqual([]);
    r.release();
    await jest.advanceTimersByTimeAsync(0);
    expect(r.sent).toEqual(['a', 'bcd']);
    answer.push('e');
    await answer.close();
    expect(r.sent.join('')).toBe('abcde');
  });

  it('close() waits for a send in flight and the held text after it', async () => {
    const r = recorder();
    const answer = new AnswerStream(r.publish, timing);
    r.hold();
    answer.push('x');
    answer.push('y');
    let closed = false;
    const closing = answer.close().then(() => (closed = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);
    r.release();
    await closing;
    expect(r.sent).toEqual(['x', 'y']);
  });

  it('a failing publish loses only its own delta: the next ones and close() still go through', async () => {
    const sent: string[] = [];
    let fail = true;
    const answer = new AnswerStream(async (text) => {
      if (fail) {
        fail = false;
        throw new Error('Redis absent');
      }
      sent.push(text);
    }, timing);
    answer.push('perdu');
    answer.push(' gardé');
    await answer.close();
    expect(sent).toEqual([' gardé']);
  });
});
