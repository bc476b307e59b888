import type { Request, Response } from 'express';

const KEEP_ALIVE_MS = 15_000;
const STREAM_ID = /^\d+-\d+$/;

/** An event whose data is already JSON (a stream entry as stored): written without a new stringify. */
export interface SseFrame {
  event: string;
  json: string;
  id?: string;
}

export interface SseChannel {
  /** One event; `id` (a stream entry id) lets a reconnecting client resume with `Last-Event-ID`. */
  send(event: string, data: unknown, id?: string): void;
  /** Several events in one socket write (what one read of the stream brought). */
  sendAll(frames: SseFrame[]): void;
  /** Called once when the client goes away. */
  onClose(listener: () => void): void;
  end(): void;
}

/**
 * The resume point a client sent, when it is a stream entry id: the `Last-Event-ID` header
 * (EventSource's own reconnects), or `?lastEventId=` (a browser opening a new EventSource with a
 * new ticket after a cut cannot set that header).
 */
export function lastEventIdOf(req: Request): string | null {
  const header = req.headers['last-event-id'];
  const query = req.query?.lastEventId;
  const given = typeof header === 'string' ? header : query;
  return typeof given === 'string' && STREAM_ID.test(given) ? given : null;
}

/** JSON holds no raw line break, so `data` is always one line. */
function frame({ event, json, id }: SseFrame): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${json}\n\n`;
}

/**
 * Opens a Server-Sent Events response: the headers proxies need not to buffer it, a comment
 * line every 15 s so idle connections are not cut, and one close notification.
 */
export function openSse(req: Request, res: Response): SseChannel {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  res.write(': connecté\n\n');
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  const listeners: (() => void)[] = [];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    for (const l of listeners) l();
  };
  req.on('close', close);
  return {
    send(event, data, id) {
      if (closed) return;
      res.write(frame({ event, json: JSON.stringify(data), id }));
    },
    sendAll(frames) {
      if (closed || !frames.length) return;
      res.write(frames.length === 1 ? frame(frames[0]) : frames.map(frame).join(''));
    },
    onClose(listener) {
      listeners.push(listener);
    },
    end() {
      close();
      res.end();
    },
  };
}
