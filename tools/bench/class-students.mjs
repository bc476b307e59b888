// Students of the class simulation (tools/bench/class.mjs), in a child process of their own so
// that the load generator is not the bottleneck: class.mjs forks one or more of these, sends
// each its share of the class with `{type: 'start', ...}`, receives `{type: 'result'}` and then
// says `{type: 'exit'}`.
//
// Each student does what the web client does (web/src/pages/student/ConversationPage.tsx,
// web/src/api/stream.ts): signs in at its moment of the sign-in window, opens a conversation,
// opens its SSE stream with a ticket and keeps it for the whole session (a new ticket and
// `?lastEventId=` when it drops), then sends its prompts one at a time: each waits for the
// answer (`event: message` of its messageId, or `event: error`) before the student thinks and
// sends the next.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorKey, keepAliveAgent, now, ok, openSse, request } from './class-http.mjs';

/** Small seeded generator (mulberry32): the same seed gives the same class. */
export function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TASKS = [
  'écris une fonction Python qui lit un fichier CSV et calcule la moyenne de chaque colonne',
  'explique la récursivité à un élève de seconde avec un exemple',
  'résume en cinq points les causes de la Révolution française',
  'propose un plan de dissertation sur le rôle de la technologie à l’école',
];

// The fake LLM answers ~120 tokens, streamed one token at a time (test/support/fake-llm).
const promptOf = (student, n) =>
  `Élève ${student}, prompt ${n + 1} : ${TASKS[(student + n) % TASKS.length]}. Réponds en français, ` +
  `de façon claire et structurée. [fake-llm:tokens=120]`;

const RESOLUTION_MS = 10;

function count(map, key, n = 1) {
  map[key] = (map[key] ?? 0) + n;
}

async function runStudents(job) {
  const { base, students, t0, hackathonId, tacheId, prompts, thinkMinMs, thinkMaxMs, answerTimeoutMs, password } = job;
  const agent = keepAliveAgent(Math.max(8, students.length));
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const out = {
    signIns: [], // {student, ms, at}
    turns: [], // one per prompt sent
    errors: {}, // "METHOD route status CODE" -> count
    streams: { opened: 0, drops: {}, events: {}, bytes: 0, reloads: 0 },
    started: 0,
    finished: 0,
    resent: 0, // requests sent again after a reset on a reused keep-alive socket (class-http.mjs)
    gaveUp: {}, // step -> students
    readyAt: [], // when each student's stream was first open
  };
  const call = async (method, route, path, opts) => {
    const r = await request(agent, base, method, path, { timeoutMs: job.requestTimeoutMs, ...opts });
    if (!ok(r)) count(out.errors, `${method} ${route} ${errorKey(r)}`);
    if (r.resent) out.resent++;
    return r;
  };

  async function student(s) {
    const random = seeded(job.seed * 100_003 + s.index);
    await sleep(Math.max(0, t0 + s.signInAtMs - now()));
    // Signing in, as a person would: again after a refusal, up to 3 times.
    let token = null;
    for (let attempt = 1; attempt <= 3 && !token; attempt++) {
      const r = await call('POST', '/auth/login', '/api/v1/auth/login', { body: { email: s.email, password } });
      if (ok(r)) {
        token = r.json.accessToken;
        out.signIns.push({ student: s.index, ms: r.ms, at: r.at });
      } else await sleep(2000);
    }
    if (!token) return count(out.gaveUp, 'sign-in');
    out.started++;
    const created = await call('POST', '/conversations', '/api/v1/conversations', {
      token,
      body: { hackathonId, tacheId },
    });
    if (!ok(created)) return count(out.gaveUp, 'conversation');
    const conversationId = created.json.conversation.id;
    const conv = new StudentStream({ base, conversationId, token, call, out, timeoutMs: job.requestTimeoutMs });
    if (!(await conv.connect())) return count(out.gaveUp, 'stream');
    out.readyAt.push(now());

    for (let n = 0; n < prompts; n++) {
      if (n > 0) await sleep(thinkMinMs + random() * (thinkMaxMs - thinkMinMs));
      const turn = { student: s.index, prompt: n, sentAt: now() };
      out.turns.push(turn);
      const sent = await call(
        'POST',
        '/conversations/:id/messages',
        `/api/v1/conversations/${conversationId}/messages`,
        {
          token,
          body: { content: promptOf(s.index, n) },
        },
      );
      turn.ackMs = sent.ms;
      if (!ok(sent)) {
        turn.refused = errorKey(sent);
        continue;
      }
      turn.messageId = sent.json.messageId;
      await conv.answerOf(turn, answerTimeoutMs);
    }
    conv.close();
    out.finished++;
  }

  delay.enable();
  await Promise.all(students.map(student));
  delay.disable();
  agent.destroy();

  // The histogram holds whole tick intervals (10 ms when idle): the delay is what exceeds a tick.
  const late = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  out.eventLoopDelayMs = { p50: late(delay.percentile(50)), p99: late(delay.percentile(99)), max: late(delay.max) };
  return out;
}

/** One student's conversation stream: reconnects after a cut, resumes after the last event seen. */
export class StudentStream {
  constructor({ base, conversationId, token, call, out, timeoutMs = 300_000 }) {
    Object.assign(this, { base, conversationId, token, call, out, timeoutMs });
    this.lastEventId = null;
    this.sse = null;
    this.closing = false;
    this.waiting = null; // {turn, resolve}
    this.early = new Map(); // messageId -> what arrived before its 202
  }

  /** Opens the stream (a new ticket each time); false when it could not within 5 attempts. */
  async connect() {
    for (let attempt = 1; attempt <= 5; attempt++) {
      if (this.closing) return false;
      const t = await this.call('POST', '/conversations/:id/stream-ticket', this.path('stream-ticket'), {
        token: this.token,
      });
      if (ok(t)) {
        const q = new URLSearchParams({ ticket: t.json.ticket });
        if (this.lastEventId) q.set('lastEventId', this.lastEventId);
        const status = await new Promise((resolve) => {
          let opened = false;
          this.sse = openSse(this.base, `${this.path('stream')}?${q}`, {
            onOpen: (code) => {
              opened = true;
              resolve(code);
            },
            onEvent: (e) => this.onEvent(e),
            onClose: (reason) => (opened ? this.dropped(reason) : resolve(`network ${reason}`)),
            connectTimeoutMs: this.timeoutMs,
          });
        });
        if (status === 200) {
          this.out.streams.opened++;
          return true;
        }
        count(this.out.errors, `GET /conversations/:id/stream ${status}`);
      }
      await sleep(1000 * attempt);
    }
    return false;
  }

  path(tail) {
    return `/api/v1/conversations/${this.conversationId}/${tail}`;
  }

  async dropped(reason) {
    if (this.closing) return;
    this.out.streams.bytes += this.sse?.bytes() ?? 0;
    this.sse = null;
    count(this.out.streams.drops, reason);
    await sleep(1000);
    if (!(await this.connect())) return;
    // Without a resume point, what came during the cut is not replayed: read the conversation,
    // as the web client does on every (re)connection.
    if (this.waiting && !this.lastEventId) {
      this.out.streams.reloads++;
      const r = await this.call('GET', '/conversations/:id', `/api/v1/conversations/${this.conversationId}`, {
        token: this.token,
      });
      const answer = r.json?.conversation?.messages?.find((m) => m.replyTo === this.waiting?.turn.messageId);
      if (answer) this.settle(this.waiting.turn.messageId, { message: answer, viaReload: true });
    }
  }

  onEvent(e) {
    if (e.id) this.lastEventId = e.id;
    count(this.out.streams.events, e.event);
    const at = now();
    if (e.event === 'delta') {
      const { messageId } = e.data;
      const into = this.waiting?.turn.messageId === messageId ? this.waiting.turn : this.earlyOf(messageId);
      into.firstDeltaAt ??= at;
      into.deltas = (into.deltas ?? 0) + 1;
      // A run of the answer after another (src/conversation/generate-reply: `attempt` grows with each run).
      into.firstAttempt ??= e.data.attempt;
      if (e.data.attempt !== into.firstAttempt) into.retried = true;
    } else if (e.event === 'message') {
      const m = e.data.message;
      if (m?.replyTo) this.settle(m.replyTo, { message: m });
    } else if (e.event === 'error') {
      if (e.data.messageId) this.settle(e.data.messageId, { error: e.data.code ?? 'error' });
    }
  }

  earlyOf(messageId) {
    let e = this.early.get(messageId);
    if (!e) this.early.set(messageId, (e = {}));
    return e;
  }

  settle(messageId, { message, error, viaReload = false }) {
    const at = now();
    const target = this.waiting?.turn.messageId === messageId ? this.waiting.turn : this.earlyOf(messageId);
    if (target.doneAt !== undefined) return;
    target.doneAt = at;
    if (viaReload) target.viaReload = true;
    if (message) {
      target.content = message.content;
      target.tokenCount = message.tokenCount;
      target.role = message.role;
    }
    if (error) target.error = error;
    if (this.waiting?.turn.messageId === messageId) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve();
    }
  }

  /** Waits for the answer of `turn` (already sent, 202): its message, its error, or the timeout. */
  answerOf(turn, timeoutMs) {
    const early = this.early.get(turn.messageId);
    if (early) {
      this.early.delete(turn.messageId);
      Object.assign(turn, early);
      if (turn.doneAt !== undefined) return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        turn.timedOut = true;
        turn.gaveUpAt = now();
        this.waiting = null;
        resolve();
      }, timeoutMs);
      this.waiting = {
        turn,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
  }

  close() {
    this.closing = true;
    this.out.streams.bytes += this.sse?.bytes() ?? 0;
    this.sse?.close();
  }
}

// Only as a child of class.mjs (an IPC channel); imported, the module just lends `seeded`.
if (process.send) {
  process.on('message', (msg) => {
    if (msg?.type === 'start') {
      runStudents(msg.job).then(
        (result) => process.send({ type: 'result', result }),
        (err) => process.send({ type: 'failed', error: String(err?.stack ?? err) }),
      );
    } else if (msg?.type === 'exit') process.exit(0);
  });
  process.on('disconnect', () => process.exit(0));
}
