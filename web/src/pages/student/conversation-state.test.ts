import { describe, expect, it } from 'vitest';
import {
  answers,
  applyEvent,
  initialState,
  mergeMessages,
  promptOf,
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

  it('offers the assistant answers for the final version, with their prompt', () => {
    const all = [q1, a1, q2, msg('s2', 'system', 4, 'q2')];
    expect(answers(all).map((m) => m.id)).toEqual(['a1']);
    expect(promptOf(all, a1)).toBe('q1');
  });
});
