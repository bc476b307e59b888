import { describe, expect, it } from 'vitest';
import {
  answers,
  applyEvent,
  initialState,
  mergeMessages,
  promptOf,
  sortMessages,
  withLoaded,
  withSent,
  type Message,
} from './conversation-state';

const msg = (id: string, role: Message['role'], at: number, replyTo: string | null = null, content = id): Message => ({
  id,
  role,
  content,
  createdAt: new Date(Date.UTC(2026, 11, 2, 12, 0, at)).toISOString(),
  tokenCount: role === 'assistant' ? 10 : null,
  modelUsed: null,
  replyTo,
});

describe('conversation state', () => {
  const q1 = msg('q1', 'student', 1);
  const a1 = msg('a1', 'assistant', 2, 'q1', 'Réponse complète');
  const q2 = msg('q2', 'student', 3);

  it('merges lists by id in time order', () => {
    expect(mergeMessages([q2, q1], [a1, q1]).map((m) => m.id)).toEqual(['q1', 'a1', 'q2']);
  });

  it('streams deltas into one growing answer, then replaces it with the stored message', () => {
    let s = withSent(initialState([], null), q1);
    expect(s.pendingId).toBe('q1');
    s = applyEvent(s, 'delta', { messageId: 'q1', text: 'Réponse ', attempt: 1 });
    s = applyEvent(s, 'delta', { messageId: 'q1', text: 'complète', attempt: 1 });
    expect(s.streaming).toEqual({ replyTo: 'q1', attempt: 1, text: 'Réponse complète' });
    s = applyEvent(s, 'message', { message: a1 });
    expect(s.streaming).toBeNull();
    expect(s.pendingId).toBeNull();
    expect(s.messages.map((m) => m.id)).toEqual(['q1', 'a1']);
    // The same message again (a replay after a reconnect): still once.
    s = applyEvent(s, 'message', { message: a1 });
    expect(s.messages).toHaveLength(2);
  });

  it('starts over on a new attempt and drops the late deltas of an older one', () => {
    let s = withSent(initialState([], null), q1);
    s = applyEvent(s, 'delta', { messageId: 'q1', text: 'Début cassé', attempt: 1 });
    s = applyEvent(s, 'delta', { messageId: 'q1', text: 'Nouveau', attempt: 2 });
    s = applyEvent(s, 'delta', { messageId: 'q1', text: ' en retard', attempt: 1 });
    s = applyEvent(s, 'delta', { messageId: 'q1', text: ' départ', attempt: 2 });
    expect(s.streaming?.text).toBe('Nouveau départ');
  });

  it('ignores deltas of an answer already stored', () => {
    const s = applyEvent(initialState([q1, a1], null), 'delta', { messageId: 'q1', text: 'x', attempt: 1 });
    expect(s.streaming).toBeNull();
  });

  it('ends the turn on an error event and keeps its French words', () => {
    let s = withSent(initialState([], null), q1);
    s = applyEvent(s, 'delta', { messageId: 'q1', text: 'Début', attempt: 1 });
    s = applyEvent(s, 'error', { messageId: 'q1', code: 'AI_UNAVAILABLE', message: 'Le modèle ne répond pas.' });
    expect(s).toMatchObject({ streaming: null, pendingId: null, failure: 'Le modèle ne répond pas.' });
  });

  it('loses nothing when a reload answers an older state than the stream', () => {
    let s = withSent(initialState([], null), q1);
    s = applyEvent(s, 'message', { message: a1 });
    // A GET sent before the answer was stored comes back after it: the answer stays, the turn stays closed.
    s = withLoaded(s, [q1], 'q1');
    expect(s.messages.map((m) => m.id)).toEqual(['q1', 'a1']);
    expect(s.pendingId).toBeNull();
    // A reload after a cut brings the answer streamed while the page was away.
    let cut = withSent(initialState([], null), q1);
    cut = applyEvent(cut, 'delta', { messageId: 'q1', text: 'Répo', attempt: 1 });
    cut = withLoaded(cut, [q1, a1], null);
    expect(cut.streaming).toBeNull();
    expect(cut.messages.map((m) => m.id)).toEqual(['q1', 'a1']);
  });

  it('keeps the turn and its streamed text when a reload answers a snapshot older than the send', () => {
    let s = initialState([], null);
    s = withSent(s, q1);
    s = applyEvent(s, 'delta', { messageId: 'q1', text: 'Réponse ', attempt: 1 });
    // The GET was sent before q1: it knows neither q1 nor its turn.
    s = withLoaded(s, [], null);
    expect(s.pendingId).toBe('q1');
    s = applyEvent(s, 'delta', { messageId: 'q1', text: 'complète', attempt: 1 });
    expect(s.streaming?.text).toBe('Réponse complète');
    // A snapshot that holds q1 and says no turn is open ends it (the answer failed and was given back).
    s = withLoaded(s, [q1], null);
    expect(s.pendingId).toBeNull();
    expect(s.streaming).toBeNull();
  });

  it('keeps what the stream brought before the 202 of the send came back', () => {
    let s = applyEvent(initialState([], null), 'delta', { messageId: 'q1', text: 'Réponse ', attempt: 1 });
    s = withSent(s, q1);
    expect(s).toMatchObject({ pendingId: 'q1', streaming: { text: 'Réponse ' } });
    let fast = applyEvent(initialState([], null), 'message', { message: a1 });
    fast = withSent(fast, q1);
    expect(fast.pendingId).toBeNull();
    expect(fast.messages.map((m) => m.id)).toEqual(['q1', 'a1']);
  });

  it('puts a prompt before its answer when the answer came before the 202, whatever the browser clock says', () => {
    // The answer, stored by the server at 12:00:02, reached the page before the send's 202.
    let s = applyEvent(initialState([], null), 'message', { message: a1 });
    // The page dates its prompt with the browser's clock: later than the server's answer.
    s = withSent(s, { ...q1, createdAt: new Date(Date.UTC(2026, 11, 2, 12, 0, 9)).toISOString() });
    expect(s.messages.map((m) => m.id)).toEqual(['q1', 'a1']);
  });

  it('puts a new prompt after the previous turn even when the browser clock is behind the server', () => {
    let s = initialState([q1, a1], null);
    s = withSent(s, { ...q2, createdAt: new Date(Date.UTC(2026, 11, 2, 11, 50, 0)).toISOString() });
    expect(s.messages.map((m) => m.id)).toEqual(['q1', 'a1', 'q2']);
    // The server's copy (a reload) takes its place with the server's time.
    s = withLoaded(s, [q1, a1, q2], 'q2');
    expect(s.messages.map((m) => m.id)).toEqual(['q1', 'a1', 'q2']);
    expect(s.messages[2].createdAt).toBe(q2.createdAt);
  });

  it('reads a stored conversation turn by turn, an error notice after its prompt', () => {
    // Same millisecond for a prompt and its answer, a platform notice, ids in no order.
    const p = msg('z-prompt', 'student', 5);
    const r = { ...msg('a-answer', 'assistant', 5, 'z-prompt') };
    const notice = msg('n-notice', 'system', 6, 'z-prompt');
    expect(sortMessages([notice, r, a1, p, q1]).map((m) => m.id)).toEqual([
      'q1',
      'a1',
      'z-prompt',
      'a-answer',
      'n-notice',
    ]);
  });

  describe('every interleaving of the send’s 202, the stream and a reload, three turns in a row', () => {
    type Step = 'sent' | 'delta' | 'message' | 'reload';
    /** The orders a page can meet: the stream keeps its own order (delta before message). */
    const orders: Step[][] = permutations<Step>(['sent', 'delta', 'message', 'reload']).filter(
      (o) => o.indexOf('delta') < o.indexOf('message'),
    );
    const snapshots = ['before the prompt', 'with the prompt', 'with the answer'] as const;
    const skews = [-600, 0, 600];
    const cases = orders.flatMap((order) =>
      snapshots.flatMap((snapshot) => skews.map((skew) => ({ steps: order.join(' → '), order, snapshot, skew }))),
    );

    it.each(cases)('$steps, reload $snapshot, browser clock $skew s off', ({ order, snapshot, skew }) => {
      const turns = [1, 2, 3].map((k) => ({
        q: msg(`q${k}`, 'student', k * 10, null, `Prompt ${k}`),
        a: msg(`a${k}`, 'assistant', k * 10 + 3, `q${k}`, `Réponse ${k}`),
      }));
      let s = initialState([], null);
      const stored: Message[] = [];
      for (const { q, a } of turns) {
        const older = [...stored];
        for (const step of order) {
          if (step === 'sent') {
            // The 202 comes back later than the server stored the prompt, dated by the browser.
            const at = new Date(new Date(q.createdAt).getTime() + 5000 + skew * 1000).toISOString();
            s = withSent(s, { ...q, createdAt: at });
          } else if (step === 'delta') s = applyEvent(s, 'delta', { messageId: q.id, text: 'Répo', attempt: 1 });
          else if (step === 'message') s = applyEvent(s, 'message', { message: a });
          else if (snapshot === 'before the prompt') s = withLoaded(s, older, null);
          else if (snapshot === 'with the prompt') s = withLoaded(s, [...older, q], q.id);
          else s = withLoaded(s, [...older, q, a], null);
          expect(readingOrderHolds(s.messages)).toBe(true);
        }
        stored.push(q, a);
      }
      expect(s.messages.map((m) => m.id)).toEqual(['q1', 'a1', 'q2', 'a2', 'q3', 'a3']);
      expect(s).toMatchObject({ pendingId: null, streaming: null });
    });
  });

  it('offers the assistant answers for the final version, with their prompt', () => {
    const all = [q1, a1, q2, msg('s2', 'system', 4, 'q2')];
    expect(answers(all).map((m) => m.id)).toEqual(['a1']);
    expect(promptOf(all, a1)).toBe('q1');
  });
});

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Prompts in their order, each answer right after its own prompt when the prompt is shown. */
function readingOrderHolds(messages: Message[]): boolean {
  const ids = messages.map((m) => m.id);
  const prompts = ids.filter((id) => id.startsWith('q'));
  if (prompts.join() !== [...prompts].sort().join()) return false;
  return messages.every((m, i) => {
    if (m.role === 'student' || !m.replyTo || !ids.includes(m.replyTo)) return true;
    return ids.indexOf(m.replyTo) < i && ids.slice(ids.indexOf(m.replyTo) + 1, i).every((id) => !id.startsWith('q'));
  });
}
