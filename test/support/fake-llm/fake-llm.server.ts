import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_AI_MODELS } from '../../../config/ai-models';
import { countPromptTokens } from '../../../libs/ai-providers/token-counter';
import { FakeFailure, fakeAnswer, FakePieces, failureForAttempt, hasFailures, readScript } from './fake-llm.script';

/**
 * FAKE LLM SERVER, for tests and for local runs without API keys. Not a provider: it
 * invents deterministic answers. It speaks the chat-completions API both official SDKs
 * call, `POST /v1/chat/completions` (OpenAI SDK with baseURL `<url>/v1`, Mistral SDK with
 * serverURL `<url>`), streamed (SSE) or not, with usage numbers counted by cl100k_base.
 * Failures are injected by markers in the last user message (see fake-llm.script.ts).
 *
 * Control endpoints: `POST /__fake/config {latencyMs, chunkDelayMs}`, `POST /__fake/reset`,
 * `GET /__fake/requests`, `GET /__fake/health`; and `GET /v1/models`.
 */

export interface FakeLlmLatency {
  /** Wait before the answer starts (headers). */
  latencyMs: number;
  /** Wait between two streamed chunks. */
  chunkDelayMs: number;
}

export interface FakeLlmOptions extends Partial<FakeLlmLatency> {
  /** 0 (default): a free port. */
  port?: number;
  host?: string;
  /** How answers are cut into streamed pieces (default `words`: 4 words a piece); see fake-llm.script.ts. */
  pieces?: FakePieces;
  /** The request log keeps the most recent ones only (default 1000). */
  maxLoggedRequests?: number;
  /** Called with one line per request; silent when absent. */
  log?: (line: string) => void;
}

export type FakeOutcome = 'ok' | 'timeout' | 'stall' | 'garbage' | 'drop' | 'rejected' | `http_${number}`;

export interface FakeLlmRequest {
  at: Date;
  method: string;
  path: string;
  model?: string;
  stream: boolean;
  includeUsage: boolean;
  maxTokens?: number;
  temperature?: number;
  /** The Authorization header as received. */
  authorization?: string;
  userAgent?: string;
  lastUserMessage?: string;
  /** How many requests with this same last user message came so far (only counted for messages with failure markers). */
  attempt: number;
  outcome: FakeOutcome;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  /** Prompt tokens of the messages the request really held (cl100k count), whatever usage says. */
  promptTokensReceived?: number;
  /** The answer was complete when the connection closed. */
  finished: boolean;
  /** The client went away before the answer was complete (its deadline, a cancel). */
  aborted: boolean;
}

export interface FakeLlm {
  /** http://127.0.0.1:<port> */
  url: string;
  /** For the OpenAI SDK / OPENAI_BASE_URL: `<url>/v1`. */
  openAiBaseUrl: string;
  /** For the Mistral SDK / MISTRAL_SERVER_URL: `<url>`. */
  mistralServerUrl: string;
  /** Every request received, oldest first, updated live (aborted/finished change when the connection closes). */
  requests: FakeLlmRequest[];
  setLatency(latency: Partial<FakeLlmLatency>): FakeLlmLatency;
  /** Forgets the request log and the attempt counters. */
  reset(): void;
  close(): Promise<void>;
}

const BODY_LIMIT = 2 * 1024 * 1024;
const DEFAULT_MAX_TOKENS = 4096;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  stream: boolean;
  includeUsage: boolean;
  maxTokens?: number;
  temperature?: number;
}

export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const latency: FakeLlmLatency = { latencyMs: options.latencyMs ?? 0, chunkDelayMs: options.chunkDelayMs ?? 0 };
  const maxLogged = options.maxLoggedRequests ?? 1000;
  const requests: FakeLlmRequest[] = [];
  // Attempts per distinct last user message; only messages with failure markers count, so
  // the map stays as small as the tests that inject failures.
  const attempts = new Map<string, number>();
  let sequence = 0;

  const setLatency = (next: Partial<FakeLlmLatency>): FakeLlmLatency => {
    if (next.latencyMs !== undefined) latency.latencyMs = nonNegative(next.latencyMs, 'latencyMs');
    if (next.chunkDelayMs !== undefined) latency.chunkDelayMs = nonNegative(next.chunkDelayMs, 'chunkDelayMs');
    return { ...latency };
  };
  const reset = () => {
    requests.length = 0;
    attempts.clear();
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, new HttpProblem(500, 'server_error', `fake-llm: ${String(error)}`));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (req.method === 'POST' && path === '/v1/chat/completions') return await chat(req, res, path);
      if (req.method === 'GET' && path === '/v1/models') return sendJson(res, 200, modelList());
      if (req.method === 'GET' && path === '/__fake/health') return sendJson(res, 200, { fake: true, ...latency });
      if (req.method === 'GET' && path === '/__fake/requests') return sendJson(res, 200, requests);
      if (req.method === 'POST' && path === '/__fake/reset') {
        reset();
        return sendJson(res, 200, { reset: true });
      }
      if (req.method === 'POST' && path === '/__fake/config') {
        const body = asObject(JSON.parse((await readBody(req)) || '{}'));
        return sendJson(
          res,
          200,
          setLatency({ latencyMs: optionalNumber(body.latencyMs), chunkDelayMs: optionalNumber(body.chunkDelayMs) }),
        );
      }
      throw new HttpProblem(
        404,
        'invalid_request_error',
        `fake-llm: pas de route ${req.method} ${path}`,
        'unknown_url',
      );
    } catch (error) {
      if (res.headersSent) return;
      if (error instanceof HttpProblem) return sendError(res, error);
      if (error instanceof SyntaxError)
        return sendError(res, new HttpProblem(400, 'invalid_request_error', 'fake-llm: JSON mal formé'));
      throw error;
    }
  }

  async function chat(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const entry: FakeLlmRequest = {
      at: new Date(),
      method: req.method ?? 'POST',
      path,
      stream: false,
      includeUsage: false,
      authorization: req.headers.authorization,
      userAgent: req.headers['user-agent'],
      attempt: 0,
      outcome: 'rejected',
      finished: false,
      aborted: false,
    };
    requests.push(entry);
    if (requests.length > maxLogged) requests.splice(0, requests.length - maxLogged);

    // The client leaving (deadline, cancel) ends every wait below.
    const clientGone = new AbortController();
    let cutByUs = false;
    res.on('close', () => {
      entry.finished = res.writableFinished;
      entry.aborted = !res.writableFinished && !cutByUs;
      clientGone.abort();
    });

    if (!req.headers.authorization)
      throw new HttpProblem(401, 'invalid_request_error', 'fake-llm: en-tête Authorization absent', 'invalid_api_key');
    const body = parseChatBody(await readBody(req));
    Object.assign(entry, {
      model: body.model,
      stream: body.stream,
      includeUsage: body.includeUsage,
      maxTokens: body.maxTokens,
      temperature: body.temperature,
    });
    const lastUser = [...body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    entry.lastUserMessage = lastUser;
    const script = readScript(lastUser);
    if (hasFailures(script)) {
      entry.attempt = (attempts.get(lastUser) ?? 0) + 1;
      attempts.set(lastUser, entry.attempt);
    } else {
      entry.attempt = 1;
    }
    const failure = failureForAttempt(script, entry.attempt);
    entry.outcome = failure ? outcomeOf(failure) : 'ok';
    options.log?.(`fake-llm ${body.model} stream=${body.stream} attempt=${entry.attempt} -> ${entry.outcome}`);

    const wait = (ms: number) =>
      ms > 0
        ? sleep(ms, undefined, { signal: clientGone.signal }).then(
            () => true,
            () => false,
          )
        : Promise.resolve(!clientGone.signal.aborted);
    if (!(await wait(script.slowMs ?? latency.latencyMs))) return;

    if (failure?.kind === 'status') return sendError(res, problemFor(failure.status));
    if (failure?.kind === 'timeout' || (failure?.kind === 'stall' && !body.stream)) return; // nothing, until the client leaves
    if (failure?.kind === 'drop' && !body.stream) {
      cutByUs = true;
      res.destroy();
      return;
    }

    const promptTokens = countPromptTokens(body.messages.map((m) => ({ role: m.role as 'user', content: m.content })));
    const answer = fakeAnswer(
      body.model,
      body.messages.map((m) => `${m.role}: ${m.content}`).join('\n'),
      lastUser,
      script.answerTokens,
      body.maxTokens ?? DEFAULT_MAX_TOKENS,
      options.pieces,
    );
    const billedPrompt = promptTokens + (script.extraPromptTokens ?? 0);
    entry.promptTokensReceived = promptTokens;
    const usage = {
      prompt_tokens: billedPrompt,
      completion_tokens: answer.completionTokens,
      total_tokens: billedPrompt + answer.completionTokens,
    };
    entry.usage = script.noUsage ? undefined : usage;
    sequence += 1;
    const id = `chatcmpl-fake-${sequence}`;
    const created = Math.floor(Date.now() / 1000);
    const base = { id, object: 'chat.completion.chunk', created, model: body.model, system_fingerprint: 'fake-llm' };

    if (!body.stream) {
      if (failure?.kind === 'garbage')
        return sendRaw(res, 200, 'application/json', `{"id":"${id}","object":"chat.completion","choices":[{"message":`);
      return sendJson(res, 200, {
        ...base,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: answer.text },
            logprobs: null,
            finish_reason: answer.finishReason,
          },
        ],
        ...(script.noUsage ? {} : { usage }),
      });
    }

    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    // OpenAI sends `usage: null` on each chunk when usage was asked for; Mistral omits it
    // (its SDK refuses a null there).
    const usageNull = body.includeUsage ? { usage: null } : {};
    const send = (chunk: object) => res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    const choice = (delta: object, finishReason: string | null) => ({
      index: 0,
      delta,
      logprobs: null,
      finish_reason: finishReason,
    });

    // Injected stream failures happen after the first piece of text, so a client has
    // already passed some deltas on when it breaks.
    const breakStream = (broken: Exclude<FakeFailure, { kind: 'status' }>) => {
      if (broken.kind === 'garbage')
        res.end(`data: {"id":"${id}","object":"chat.completion.chunk","choices":[{"delta":{"content":\n\n`);
      if (broken.kind === 'drop') {
        cutByUs = true;
        // After what was written has left, so the client sees a body cut short, not a refusal.
        res.write('', () => res.destroy());
      }
      // `stall` (and `timeout`): the stream stays open and silent until the client leaves.
    };

    send({ ...base, choices: [choice({ role: 'assistant', content: '' }, null)], ...usageNull });
    for (const [i, piece] of answer.pieces.entries()) {
      if (i > 0 && !(await wait(latency.chunkDelayMs))) return;
      send({ ...base, choices: [choice({ content: piece }, null)], ...usageNull });
      if (failure) return breakStream(failure);
    }
    if (failure) return breakStream(failure);
    if (clientGone.signal.aborted) return;
    // Usage: on a last chunk of its own when the client asked for it (OpenAI's
    // stream_options.include_usage), else on the finishing chunk (what Mistral does).
    const inlineUsage = !body.includeUsage && !script.noUsage ? { usage } : usageNull;
    send({ ...base, choices: [choice({}, answer.finishReason)], ...inlineUsage });
    if (body.includeUsage && !script.noUsage) send({ ...base, choices: [], usage });
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    url,
    openAiBaseUrl: `${url}/v1`,
    mistralServerUrl: url,
    requests,
    setLatency,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging answers (timeout markers) and idle keep-alive sockets would hold close().
        server.closeAllConnections();
      }),
  };
}

function outcomeOf(failure: FakeFailure): FakeOutcome {
  return failure.kind === 'status' ? `http_${failure.status}` : failure.kind;
}

function problemFor(status: number): HttpProblem {
  if (status === 429)
    return new HttpProblem(
      429,
      'rate_limit_exceeded',
      'fake-llm: trop de requêtes, réessayez plus tard',
      'rate_limit_exceeded',
    );
  if (status === 400) {
    return new HttpProblem(
      400,
      'invalid_request_error',
      'fake-llm: requête refusée par la politique de contenu (simulée)',
      'content_policy_violation',
    );
  }
  if (status >= 500) return new HttpProblem(status, 'server_error', `fake-llm: erreur serveur simulée (${status})`);
  return new HttpProblem(status, 'invalid_request_error', `fake-llm: erreur simulée (${status})`);
}

function modelList() {
  return {
    object: 'list',
    data: DEFAULT_AI_MODELS.map((m) => ({
      id: m.name,
      object: 'model',
      created: 0,
      owned_by: `fake-llm (${m.provider})`,
    })),
  };
}

function parseChatBody(raw: string): ChatBody {
  const body = asObject(JSON.parse(raw));
  if (typeof body.model !== 'string' || body.model === '')
    throw new HttpProblem(400, 'invalid_request_error', 'fake-llm: `model` manquant');
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw new HttpProblem(400, 'invalid_request_error', 'fake-llm: `messages` doit être une liste non vide');
  }
  const messages = body.messages.map((m: unknown) => {
    const message = asObject(m);
    if (typeof message.role !== 'string')
      throw new HttpProblem(400, 'invalid_request_error', 'fake-llm: message sans `role`');
    return { role: message.role, content: contentText(message.content) };
  });
  const maxTokens = optionalNumber(body.max_tokens ?? body.max_completion_tokens);
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens >= 1)) {
    throw new HttpProblem(400, 'invalid_request_error', 'fake-llm: `max_tokens` doit être un entier >= 1');
  }
  const streamOptions =
    body.stream_options === undefined || body.stream_options === null ? {} : asObject(body.stream_options);
  return {
    model: body.model,
    messages,
    stream: body.stream === true,
    includeUsage: streamOptions.include_usage === true,
    maxTokens,
    temperature: optionalNumber(body.temperature),
  };
}

// Content may come as text or as a list of typed parts (both APIs allow it).
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
  return '';
}

function asObject(value: unknown): Record<string, any> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpProblem(400, 'invalid_request_error', 'fake-llm: un objet JSON est attendu');
  }
  return value as Record<string, any>;
}

function optionalNumber(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new HttpProblem(400, 'invalid_request_error', 'fake-llm: nombre attendu');
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0)
    throw new HttpProblem(400, 'invalid_request_error', `fake-llm: ${name} doit être un nombre >= 0`);
  return value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new HttpProblem(413, 'invalid_request_error', 'fake-llm: corps trop volumineux'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendRaw(res, status, 'application/json', JSON.stringify(body));
}

function sendRaw(
  res: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, problem: HttpProblem): void {
  const headers: Record<string, string> = problem.status === 429 ? { 'retry-after': '1' } : {};
  const error = { message: problem.message, type: problem.type, param: null, code: problem.code };
  // OpenAI's shape ({error: {...}}) plus Mistral's top-level fields.
  sendRaw(
    res,
    problem.status,
    'application/json',
    JSON.stringify({ object: 'error', message: problem.message, type: problem.type, code: problem.code, error }),
    headers,
  );
}
