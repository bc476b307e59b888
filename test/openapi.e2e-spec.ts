import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkResponse, checkSseEvent } from './support/contract';
import { startTestApp, TestApp } from './support/test-app';

const read = (file: string) => readFileSync(resolve(__dirname, '..', file), 'utf8');
const committed = () => JSON.parse(read('docs/openapi.json'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** `METHOD /api/v1/path/{param}` of every table row of docs/api.md (the contract, and its list of routes beyond it). */
function contractRoutes(): string[] {
  const routes = new Set<string>();
  for (const line of read('docs/api.md').split('\n')) {
    const row = /^\|\s*(GET|POST|PUT|PATCH|DELETE)\s*\|\s*(.+?)\s*\|/.exec(line);
    if (!row) continue;
    for (const [, raw] of row[2].matchAll(/`([^`]+)`/g)) {
      const path = raw.split('?')[0].replace(/:(\w+)/g, '{$1}');
      routes.add(`${row[1]} ${path.startsWith('/api/') || path === '/metrics' ? path : `/api/v1${path}`}`);
    }
  }
  return [...routes].sort();
}

function documentRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

type Operation = {
  operationId?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  'x-sse-events'?: Record<string, unknown>;
};

function operations(doc: { paths: Record<string, Record<string, Operation>> }) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
  );
}

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is the committed docs/openapi.json (npm run openapi, from the built code)', async () => {
    const served = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(served).toEqual(committed());
  });

  it('has the contract check refuse an undocumented route, status, field or event', async () => {
    const me = (await t.http().get('/api/v1/health').expect(200)).body;
    expect(() => checkResponse('get', '/api/v1/health', 200, 'application/json', me, 'x')).not.toThrow();
    expect(() => checkResponse('get', '/api/v1/health', 200, 'application/json', { ...me, extra: 1 }, 'x')).toThrow(
      /non conforme/,
    );
    expect(() => checkResponse('get', '/api/v1/health', 418, 'application/json', me, 'x')).toThrow(/non documenté/);
    expect(() => checkResponse('get', '/api/v1/nowhere', 200, 'application/json', {}, '{}')).toThrow(/absente/);
    const error = { statusCode: 409, code: 'NOT_A_CODE_OF_THIS_ROUTE', message: 'x' };
    expect(() => checkResponse('post', '/api/v1/auth/login', 409, 'application/json', error, 'x')).toThrow();
    const wrongCode = { statusCode: 401, code: 'EMAIL_TAKEN', message: 'x' };
    expect(() => checkResponse('post', '/api/v1/auth/login', 401, 'application/json', wrongCode, 'x')).toThrow(
      /non conforme/,
    );
    const id = '0123456789abcdef01234567';
    expect(() => checkSseEvent(`/api/v1/conversations/${id}/stream`, 'delta', { messageId: id, text: 'a' })).toThrow(
      /attempt/,
    );
    expect(() => checkSseEvent(`/api/v1/conversations/${id}/stream`, 'surprise', {})).toThrow(/non documenté/);
  });

  it('lists the routes of docs/api.md, and only those', () => {
    const doc = documentRoutes(committed());
    const contract = contractRoutes();
    expect(contract.length).toBeGreaterThan(60);
    expect({ missingFromDocument: contract.filter((r) => !doc.includes(r)) }).toEqual({ missingFromDocument: [] });
    expect({ missingFromApiMd: doc.filter((r) => !contract.includes(r)) }).toEqual({ missingFromApiMd: [] });
  });

  it('gives every operation a readable id, a success answer with its schema and its error answers', () => {
    const doc = committed();
    const ops = operations(doc);
    const ids = ops.map(({ op }) => op.operationId);
    expect(ids.filter((id) => !/^[a-z]+\.[a-z][A-Za-z]+$/.test(String(id)))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { route, op } of ops) {
      const success = Object.keys(op.responses).filter((s) => /^[23]/.test(s));
      expect({ route, success: success.length > 0 }).toEqual({ route, success: true });
      for (const s of success.filter((x) => x !== '204')) {
        const content = op.responses[s].content ?? {};
        expect({ route, s, schema: Object.values(content).every((c) => !!c.schema) }).toEqual({
          route,
          s,
          schema: true,
        });
      }
      expect({ route, e500: !!op.responses['500'] }).toEqual({ route, e500: true });
    }
  });

  it('says bearer where a token is needed and nothing on the public routes', () => {
    const ops = Object.fromEntries(operations(committed()).map(({ route, op }) => [route, op]));
    expect(ops['POST /api/v1/auth/login'].security).toBeUndefined();
    expect(ops['GET /api/v1/health'].security).toBeUndefined();
    expect(ops['POST /api/v1/auth/login'].responses['401']).toBeDefined();
    expect(ops['GET /api/v1/auth/me'].security).toEqual([{ bearer: [] }]);
    expect(ops['POST /api/v1/conversations/{id}/messages'].security).toEqual([{ bearer: [] }]);
  });

  it('documents the error codes a route can answer, with the error body', () => {
    const send = committed().paths['/api/v1/conversations/{id}/messages'].post;
    const codes = (status: string) =>
      send.responses[status].content['application/json'].schema.allOf[1].properties.code.enum;
    expect(codes('429')).toEqual(
      expect.arrayContaining(['QUOTA_PROMPTS_EXCEEDED', 'QUOTA_TOKENS_EXCEEDED', 'RATE_LIMITED']),
    );
    expect(codes('409')).toEqual(expect.arrayContaining(['HACKATHON_NOT_OPEN', 'ALREADY_SUBMITTED', 'REPLY_PENDING']));
    expect(codes('400')).toEqual(expect.arrayContaining(['INVALID_ID', 'VALIDATION_FAILED']));
    expect(send.responses['429'].content['application/json'].schema.allOf[0]).toEqual({
      $ref: '#/components/schemas/ErrorBody',
    });
  });

  it('types page and limit as integers, and the enums', () => {
    const doc = committed();
    const list = doc.paths['/api/v1/hackathons'].get.parameters;
    const param = (name: string) => list.find((p: { name: string }) => p.name === name).schema;
    expect(param('page').type).toBe('integer');
    expect(param('limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect([...param('statut').enum].sort()).toEqual(['Archivé', 'Brouillon', 'En cours', 'Terminé', 'Test']);
    const jobs = doc.paths['/api/v1/admin/jobs/{name}'].post.parameters[0].schema.enum;
    expect(jobs).toEqual(expect.arrayContaining(['import-users', 'export-results', 'integrity-check']));
    expect(doc.components.schemas.PublicUser.properties.role.enum).toEqual(['', 'admin', 'examiner', 'student']);
  });

  it('describes the events of the two SSE routes', () => {
    const doc = committed();
    const conv = doc.paths['/api/v1/conversations/{id}/stream'].get;
    expect(Object.keys(conv.responses['200'].content)).toEqual(['text/event-stream']);
    expect(conv['x-sse-events']).toEqual({
      delta: { $ref: '#/components/schemas/DeltaEvent' },
      message: { $ref: '#/components/schemas/MessageEvent' },
      error: { $ref: '#/components/schemas/StreamErrorEvent' },
      verification: { $ref: '#/components/schemas/VerificationEvent' },
      essai: { $ref: '#/components/schemas/EssaiEvent' },
    });
    expect(Object.keys(doc.paths['/api/v1/hackathons/{id}/dashboard/stream'].get['x-sse-events'])).toEqual([
      'student',
      'totals',
      'verification',
    ]);
  });
});
