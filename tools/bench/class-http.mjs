// HTTP as the class simulation's clients speak it (tools/bench/class.mjs, class-students.mjs):
// JSON requests over keep-alive sockets (node:http Agents sized for the class) and a
// Server-Sent Events reader that parses `id:` / `event:` / `data:` blocks as a browser does.
import http from 'node:http';

/**
 * A keep-alive agent for `sockets` concurrent requests (a class: one per student at most). With a
 * `timeout`, node's agent closes an idle socket 1 s before the server's announced `Keep-Alive:
 * timeout=` (5 s for node's server): a student thinking 3–12 s between prompts would otherwise
 * reuse a socket the server is closing and get ECONNRESET, which a browser retries unseen.
 */
export function keepAliveAgent(sockets) {
  return new http.Agent({
    keepAlive: true,
    maxSockets: sockets,
    maxFreeSockets: sockets,
    keepAliveMsecs: 10_000,
    timeout: 60_000,
  });
}

/** Wall clock in ms with sub-ms precision, comparable between processes of the same machine. */
export const now = () => performance.timeOrigin + performance.now();

/**
 * One JSON request. Never throws: `{status, json, bytes, ms, at}`; a network error or a timeout
 * is status 0 with `error` (its code). `ms` runs from the call to the last byte of the answer.
 * A reset on a reused keep-alive socket before any answer is sent again once on a new
 * connection, as browsers do (`resent: true`): the server closed that idle socket as we wrote.
 */
export async function request(agent, base, method, path, opts = {}) {
  const started = now();
  let r = await requestOnce(agent, base, method, path, opts);
  if (r.status === 0 && r.reusedSocket && (r.error === 'ECONNRESET' || r.error === 'EPIPE')) {
    r = { ...(await requestOnce(agent, base, method, path, opts)), resent: true };
  }
  return { ...r, ms: now() - started, at: started };
}

function requestOnce(agent, base, method, path, { token, body, timeoutMs = 60_000 } = {}) {
  const url = new URL(path, base);
  const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
  return new Promise((resolve) => {
    let settled = false;
    const done = (r) => {
      if (settled) return;
      settled = true;
      resolve({ ...r, reusedSocket: req.reusedSocket });
    };
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: url.pathname + url.search,
        agent,
        headers: {
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            if (text) json = JSON.parse(text);
          } catch {
            // not JSON: `json` stays null
          }
          done({ status: res.statusCode ?? 0, json, bytes: text.length });
        });
        res.on('error', (e) => done({ status: 0, error: e.code || e.message }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e) => done({ status: 0, error: e.code || e.message }));
    req.end(payload ?? undefined);
  });
}

/** How an answer that is not a 2xx is counted: `409 REPLY_PENDING`, `429 RATE_LIMITED`, `network ECONNRESET`. */
export function errorKey(r) {
  if (r.status === 0) return `network ${r.error ?? '?'}`;
  return `${r.status} ${r.json?.code ?? ''}`.trim();
}

export const ok = (r) => r.status >= 200 && r.status < 300;

/**
 * An SSE stream on its own connection (it stays open for the whole session). Handlers:
 * `onOpen(status)` once the answer's head arrived, `onEvent({id, event, data, bytes})` for every
 * event with data, `onClose(reason)` once when the stream ends for any reason (not after close()).
 * Returns `{close, bytes}`: `bytes()` is what the stream delivered so far (comments included).
 */
export function openSse(base, path, { headers = {}, onOpen, onEvent, onClose, connectTimeoutMs = 60_000 }) {
  const url = new URL(path, base);
  let closedByUs = false;
  let ended = false;
  let bytes = 0;
  const end = (reason) => {
    if (ended || closedByUs) return;
    ended = true;
    onClose?.(reason);
  };
  const req = http.get(
    {
      host: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      agent: false,
      headers: { accept: 'text/event-stream', ...headers },
    },
    (res) => {
      req.setTimeout(0);
      onOpen?.(res.statusCode ?? 0);
      if (res.statusCode !== 200) {
        res.resume();
        res.on('end', () => end(`status ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk) => {
        bytes += Buffer.byteLength(chunk);
        buffer += chunk;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let id;
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue; // comment (keep-alive)
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            let value = colon < 0 ? '' : line.slice(colon + 1);
            if (value.startsWith(' ')) value = value.slice(1);
            if (field === 'id') id = value;
            else if (field === 'event') event = value;
            else if (field === 'data') data = data ? `${data}\n${value}` : value;
          }
          if (!data) continue;
          let parsed;
          try {
            parsed = JSON.parse(data);
          } catch {
            parsed = data;
          }
          onEvent?.({ id, event, data: parsed });
        }
      });
      res.on('end', () => end('ended'));
      res.on('error', (e) => end(e.code || e.message));
    },
  );
  req.setTimeout(connectTimeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
  req.on('error', (e) => end(e.code || e.message));
  return {
    close() {
      closedByUs = true;
      req.destroy();
    },
    bytes: () => bytes,
  };
}
