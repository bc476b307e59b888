import type { Schema } from '@prompt-challenge/api-client';

export type Message = Schema<'PublicMessage'>;

/** An answer being streamed: the student message it answers, the job attempt, the text so far. */
export interface Streaming {
  replyTo: string;
  attempt: number;
  text: string;
}

/** What the conversation page shows: the stored messages, the answer on its way, the turn waiting. */
export interface ChatState {
  messages: Message[];
  streaming: Streaming | null;
  /** The student message waiting for its answer (one turn at a time). */
  pendingId: string | null;
  /** The last answer that failed for good, said in French. */
  failure: string | null;
}

export function initialState(messages: Message[], pendingId: string | null): ChatState {
  return { messages: sortMessages(messages), streaming: null, pendingId, failure: null };
}

const byTime = (a: Message, b: Message) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * The order people read: each student prompt, then what answers it (`replyTo`), turn after turn.
 * Answers are placed by their link to their prompt, never by their time alone: a prompt shown
 * from the send's `202` carries the browser's clock, which may be later than the server's
 * time of an answer that came first on the stream (the "AUUAUA" order under load).
 * Turns (prompts, and messages whose prompt is not known) go by time.
 */
export function sortMessages(messages: Message[]): Message[] {
  const ids = new Set(messages.map((m) => m.id));
  const replies = new Map<string, Message[]>();
  const turns: Message[] = [];
  for (const m of messages) {
    if (m.role !== 'student' && m.replyTo && ids.has(m.replyTo))
      replies.set(m.replyTo, [...(replies.get(m.replyTo) ?? []), m]);
    else turns.push(m);
  }
  return turns.sort(byTime).flatMap((t) => [t, ...(replies.get(t.id) ?? []).sort(byTime)]);
}

const isAnswerTo = (m: Message, id: string) => m.replyTo === id && m.role !== 'student';

/** Messages of both lists, each once (by id; `loaded` wins), in reading order: a reload never loses a streamed answer. */
export function mergeMessages(known: Message[], loaded: Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const m of known) byId.set(m.id, m);
  for (const m of loaded) byId.set(m.id, m);
  return sortMessages([...byId.values()]);
}

/** The conversation as the server holds it now (after a reconnect, a send), laid over the page's. */
export function withLoaded(state: ChatState, loaded: Message[], pendingId: string | null): ChatState {
  const messages = mergeMessages(state.messages, loaded);
  const answered = (id: string) => messages.some((m) => isAnswerTo(m, id));
  // The server's word on the turn, unless the page knows its answer arrived already; and a
  // snapshot older than the page's own send (it lacks that message) does not end its turn.
  const local = state.pendingId;
  const pending =
    pendingId && !answered(pendingId)
      ? pendingId
      : local && !answered(local) && !loaded.some((m) => m.id === local)
        ? local
        : null;
  const streaming = state.streaming && pending === state.streaming.replyTo ? state.streaming : null;
  return { ...state, messages, pendingId: pending, streaming };
}

/**
 * The student's message, stored by the API (`202`), shown at once. Its time is the browser's
 * (the `202` has none): it is moved after every turn already shown, since it is the newest one
 * (a browser clock behind the server's would put it above the previous answer); a reload
 * replaces it with the server's copy.
 */
export function withSent(state: ChatState, message: Message): ChatState {
  const before = state.messages.filter((m) => m.id !== message.id && m.replyTo !== message.id);
  const last = before.reduce((t, m) => (m.createdAt > t ? m.createdAt : t), '');
  const createdAt =
    last && message.createdAt <= last ? new Date(new Date(last).getTime() + 1).toISOString() : message.createdAt;
  const known = state.messages.some((m) => m.id === message.id);
  const messages = known ? state.messages : mergeMessages(state.messages, [{ ...message, createdAt }]);
  // The stream may have been quicker than the `202`: its first words, or the whole answer, stay.
  const answered = messages.some((m) => isAnswerTo(m, message.id));
  return {
    ...state,
    messages,
    pendingId: answered ? null : message.id,
    streaming: state.streaming?.replyTo === message.id ? state.streaming : null,
    failure: null,
  };
}

/** One event of the conversation's stream. */
export function applyEvent(state: ChatState, event: string, data: unknown): ChatState {
  if (typeof data !== 'object' || data === null) return state;
  if (event === 'delta') {
    const { messageId, text, attempt } = data as { messageId?: unknown; text?: unknown; attempt?: unknown };
    if (typeof messageId !== 'string' || typeof text !== 'string') return state;
    // Its answer is already stored (a replay after a reconnect): nothing to stream.
    if (state.messages.some((m) => isAnswerTo(m, messageId))) return state;
    const n = typeof attempt === 'number' ? attempt : 1;
    const current = state.streaming?.replyTo === messageId ? state.streaming : null;
    // A later attempt starts over; the deltas of an attempt that broke off are dropped.
    if (current && n < current.attempt) return state;
    const base = current && n === current.attempt ? current.text : '';
    return { ...state, pendingId: messageId, streaming: { replyTo: messageId, attempt: n, text: base + text } };
  }
  if (event === 'message') {
    const message = (data as { message?: Message }).message;
    if (!message || typeof message.id !== 'string') return state;
    const answered = message.replyTo;
    return {
      ...state,
      messages: mergeMessages(state.messages, [message]),
      streaming: state.streaming && state.streaming.replyTo === answered ? null : state.streaming,
      pendingId: state.pendingId === answered ? null : state.pendingId,
      failure: null,
    };
  }
  if (event === 'error') {
    const { messageId, message } = data as { messageId?: unknown; message?: unknown };
    const text = typeof message === 'string' && message ? message : 'La réponse de l’assistant a échoué.';
    if (typeof messageId !== 'string') return { ...state, failure: text };
    return {
      ...state,
      streaming: state.streaming?.replyTo === messageId ? null : state.streaming,
      pendingId: state.pendingId === messageId ? null : state.pendingId,
      failure: text,
    };
  }
  return state;
}

/** The assistant's answers, the ones a final version can be chosen from. */
export function answers(messages: Message[]): Message[] {
  return messages.filter((m) => m.role === 'assistant');
}

/** The student message an answer replies to (its prompt), for the final prompt's first draft. */
export function promptOf(messages: Message[], answer: Message): string {
  return messages.find((m) => m.id === answer.replyTo)?.content ?? '';
}
