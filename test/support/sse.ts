import http from 'node:http';
import { checkSseEvent } from './contract';

export interface SseEvent {
  id?: string;
  event: string;
  data: any;
}

/** A real SSE client over HTTP: collects events until `close()`. */
export function openSse(url: string, headers: Record<string, string>) {
  const events: SseEvent[] = [];
  const contractErrors: Error[] = [];
  const waiters: { match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  let status = 0;
  let req: http.ClientRequest;
  const ready = new Promise<void>((resolve, reject) => {
    req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      status = res.statusCode ?? 0;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: Partial<SseEvent> & { raw?: string } = { event: 'message' };
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (!data) continue;
          try {
            e.data = JSON.parse(data);
          } catch {
            e.data = data;
          }
          // Every event of a successful stream is checked against the document (contract.ts).
          if (status === 200) {
            try {
              checkSseEvent(url, e.event ?? 'message', e.data);
            } catch (err) {
              contractErrors.push(err as Error);
            }
          }
          events.push(e as SseEvent);
          for (const w of [...waiters])
            if (w.match(e as SseEvent)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(e as SseEvent);
            }
        }
      });
      resolve();
    });
    req.on('error', reject);
  });
  return {
    events,
    ready,
    status: () => status,
    waitFor(match: (e: SseEvent) => boolean, timeoutMs = 120_000): Promise<SseEvent> {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`événement SSE attendu non reçu (reçus : ${events.map((e) => e.event).join(',')})`)),
          timeoutMs,
        );
        waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    /** Closes the stream; throws when an event it read was not what the document says. */
    close: () => {
      req.destroy();
      if (contractErrors.length) throw contractErrors[0];
    },
  };
}
