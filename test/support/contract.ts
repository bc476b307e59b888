import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { appendFileSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type request from 'supertest';

/**
 * Contract tests: every answer the e2e suite receives through `t.http()` (test-app.ts) and every
 * SSE event `openSse` reads (sse.ts) is checked against the committed OpenAPI document
 * (docs/openapi.json, which test/openapi.e2e-spec.ts proves the app serves): the route must be
 * documented, the status listed for it, and a JSON body valid against its schema (closed objects:
 * an undocumented field fails). A failure fails the test that made the request.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Operation {
  path: string;
  method: string;
  op: { responses: Record<string, { content?: Record<string, unknown> }>; 'x-sse-events'?: Record<string, unknown> };
}

const DOCUMENT_FILE = resolve(__dirname, '../../docs/openapi.json');
/** Bull Board's own pages, assets and JSON API under the board's path (not the API's contract). */
const BOARD_INTERNALS = /^\/api\/v1\/admin\/queues\/(?!login$)/;

let state: { ajv: Ajv; operations: (Operation & { pattern: RegExp; params: number })[] } | null = null;
const compiled = new Map<string, ValidateFunction>();
let checked = 0;

/** OpenAPI 3.0's `nullable` as JSON Schema (`type: [t, "null"]`, or `anyOf` with null). */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) out[k] = toJsonSchema(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string' && !out.allOf && !out.oneOf && !out.anyOf && !out.$ref) {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function load() {
  if (state) return state;
  const document = toJsonSchema(JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8'))) as { [k: string]: Json };
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi');
  const operations = Object.entries(document.paths as Record<string, Record<string, Operation['op']>>).flatMap(
    ([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        path,
        method,
        op,
        params: (path.match(/\{/g) ?? []).length,
        pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      })),
  );
  // A literal segment wins over a parameter (/users/me before /users/{id}).
  operations.sort((a, b) => a.params - b.params);
  state = { ajv, operations };
  return state;
}

const pointer = (...segments: string[]) =>
  segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

function validator(...segments: string[]): ValidateFunction {
  const ref = `openapi#/${pointer(...segments)}`;
  let v = compiled.get(ref);
  if (!v) {
    v = load().ajv.compile({ $ref: ref });
    compiled.set(ref, v);
  }
  return v;
}

export function operationOf(method: string, url: string): Operation | undefined {
  const path = new URL(url, 'http://x').pathname;
  return load().operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(path));
}

export class ContractError extends Error {
  override name = 'ContractError';
}

const show = (body: unknown) => JSON.stringify(body)?.slice(0, 600);

/** Throws a ContractError when this answer is not what the document says. */
export function checkResponse(
  method: string,
  url: string,
  status: number,
  contentType: string | undefined,
  body: unknown,
  text: string | undefined,
): void {
  const where = `${method.toUpperCase()} ${new URL(url, 'http://x').pathname}`;
  // CORS preflights are answered by the CORS middleware for every path (bootstrap.ts).
  if (method.toUpperCase() === 'OPTIONS') return;
  const found = operationOf(method, url);
  checked++;
  if (!found) {
    const path = new URL(url, 'http://x').pathname;
    if (BOARD_INTERNALS.test(path)) return;
    // The web client's pages and files, served outside the API's paths (serveWebClient, src/bootstrap.ts).
    if (!/^\/(api|metrics)(\/|$)/.test(path) && status === 200 && !/json/.test(contentType ?? '')) return;
    // What the app answers before routing, on any path: an unknown route, and the body checks of
    // bootstrap.ts (JSON syntax, size, depth, prototype keys), all in the error body.
    const code = String((body as { code?: unknown } | undefined)?.code);
    const beforeRouting: Record<number, string[]> = {
      404: ['ROUTE_NOT_FOUND'],
      400: ['INVALID_JSON', 'VALIDATION_FAILED'],
      413: ['PAYLOAD_TOO_LARGE'],
    };
    if (beforeRouting[status]?.includes(code) && validator('components', 'schemas', 'ErrorBody')(body)) return;
    throw new ContractError(`${where} → ${status} : route absente du document OpenAPI ; corps ${show(body)}`);
  }
  const response = found.op.responses[String(status)];
  if (!response) {
    throw new ContractError(
      `${where} → ${status} : statut non documenté (documentés : ${Object.keys(found.op.responses).join(', ')}) ; corps ${show(body)}`,
    );
  }
  const media = (contentType ?? '').split(';')[0].trim();
  if (!response.content) {
    if (text) throw new ContractError(`${where} → ${status} : corps inattendu (${show(text)})`);
    return;
  }
  if (!media && !text)
    throw new ContractError(`${where} → ${status} : corps vide, ${Object.keys(response.content)} attendu`);
  if (!(media in response.content)) {
    throw new ContractError(
      `${where} → ${status} : Content-Type ${media} non documenté (${Object.keys(response.content).join(', ')})`,
    );
  }
  if (media !== 'application/json') return;
  const validate = validator(
    'paths',
    found.path,
    found.method,
    'responses',
    String(status),
    'content',
    media,
    'schema',
  );
  if (!validate(body)) {
    throw new ContractError(
      `${where} → ${status} : corps non conforme au document : ${load().ajv.errorsText(validate.errors, { separator: ' ; ' })} ; corps ${show(body)}`,
    );
  }
}

/** Checks one SSE event of a stream route against the route's `x-sse-events`. */
export function checkSseEvent(url: string, event: string, data: unknown): void {
  const found = operationOf('get', url);
  checked++;
  const where = `SSE ${new URL(url, 'http://x').pathname}`;
  if (!found?.op['x-sse-events']) throw new ContractError(`${where} : route SSE absente du document`);
  if (!(event in found.op['x-sse-events'])) throw new ContractError(`${where} : événement « ${event} » non documenté`);
  const validate = validator('paths', found.path, found.method, 'x-sse-events', event);
  if (!validate(data)) {
    throw new ContractError(
      `${where} event ${event} : données non conformes : ${load().ajv.errorsText(validate.errors, { separator: ' ; ' })} ; ${show(data)}`,
    );
  }
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** The agent, with every request it makes checked against the document when its answer arrives. */
export function withContract(agent: request.Agent): request.Agent {
  for (const method of METHODS) {
    const make = agent[method].bind(agent);
    agent[method] = ((url: string, ...rest: unknown[]) => {
      const test = (make as (u: string, ...r: unknown[]) => request.Test)(url, ...rest);
      const assert = (test as unknown as { assert: AssertFn }).assert.bind(test);
      (test as unknown as { assert: AssertFn }).assert = (resError, res, fn) =>
        // The test's own expectations first (a wrong status reads better than a contract error).
        assert(resError, res, (err, r) => {
          if (!err && res) {
            try {
              checkResponse(method, url, res.status, res.headers['content-type'], res.body, res.text);
            } catch (e) {
              return fn(e as Error, r);
            }
          }
          return fn(err, r);
        });
      return test;
    }) as (typeof agent)[typeof method];
  }
  return agent;
}

type AssertFn = (
  resError: Error | null,
  res: request.Response | undefined,
  fn: (err: Error | null, res?: request.Response) => void,
) => void;

// How many answers and events this test file had checked (for the run's figures, when asked).
afterAll(() => {
  const file = process.env.CONTRACT_STATS_FILE;
  if (file && checked) appendFileSync(file, `${basename(expect.getState().testPath ?? 'unknown')} ${checked}\n`);
});
