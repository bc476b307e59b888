/** What an SSE subscription hands to its page. */
export interface StreamHandlers {
  /** One event: its name and parsed data. */
  onEvent: (event: string, data: unknown) => void;
  /** The connection state, for a "reconnexion…" notice. */
  onState?: (state: 'connecting' | 'open' | 'retrying') => void;
}

export interface StreamOptions {
  /** A fresh stream ticket (`POST .../stream-ticket`): tickets work once, so each (re)connection asks for one. */
  ticket: () => Promise<string>;
  /** The stream URL without query. */
  url: string;
  /** The event names to listen to. */
  events: string[];
  /** Whether to resume after the last event id seen (conversation streams keep their entries). */
  resume?: boolean;
  /** Delay before reconnecting after a cut (ms); doubles up to 30 s. */
  retryMs?: number;
  EventSourceImpl?: typeof EventSource;
}

/**
 * An EventSource on a ticketed stream that survives network cuts: when the connection drops,
 * it asks for a new ticket and reopens, resuming after the last event it saw (`lastEventId`),
 * so no token of a streamed answer is lost or shown twice. Returns the function that closes it.
 */
export function openTicketedStream(options: StreamOptions, handlers: StreamHandlers): () => void {
  const Impl = options.EventSourceImpl ?? EventSource;
  let closed = false;
  let source: EventSource | null = null;
  let lastEventId: string | null = null;
  let delay = options.retryMs ?? 1000;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const schedule = () => {
    if (closed) return;
    handlers.onState?.('retrying');
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 30_000);
  };

  async function connect() {
    if (closed) return;
    handlers.onState?.('connecting');
    let ticket: string;
    try {
      ticket = await options.ticket();
    } catch {
      return schedule();
    }
    if (closed) return;
    const query = new URLSearchParams({ ticket });
    if (options.resume && lastEventId) query.set('lastEventId', lastEventId);
    const es = new Impl(`${options.url}?${query.toString()}`);
    source = es;
    es.onopen = () => {
      delay = options.retryMs ?? 1000;
      handlers.onState?.('open');
    };
    // EventSource would retry with the same (used) ticket: close it and start over with a new one.
    es.onerror = () => {
      es.close();
      if (source === es) source = null;
      schedule();
    };
    for (const name of options.events) {
      es.addEventListener(name, (e) => {
        const me = e as MessageEvent<string>;
        if (me.lastEventId) lastEventId = me.lastEventId;
        handlers.onEvent(name, parseData(me.data));
      });
    }
  }

  void connect();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    source?.close();
  };
}

function parseData(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
