import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiOkResponse, ApiProduces, getSchemaPath } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { AppError } from './app-error';

/**
 * How the OpenAPI document says what API.md 1.1's Conventions say about errors and security,
 * from what the routes already declare: `@Public()`, `@Roles()`, `@AllowNoRole()` and
 * `@StreamTicketAuth()` (auth.decorators.ts) leave `x-` marks on their operations, and
 * `@ApiErrors(...)` lists the domain errors a route can answer, as the very `AppError`s its use
 * case throws. `finishOpenApiDocument` turns the marks into `security`, the error responses
 * every route shares (401, 403, 400 INVALID_ID / VALIDATION_FAILED, 413, 429, 500, 503) and the
 * error body schema, then closes the object schemas (the ValidationPipe refuses unknown fields,
 * and answers are built field by field).
 */

export const X_PUBLIC = 'x-public';
export const X_ROLES = 'x-roles';
export const X_ALLOW_NO_ROLE = 'x-allow-no-role';
export const X_STREAM_TICKET = 'x-stream-ticket';
const X_ERRORS = 'x-errors';

/** The path parameters that go through ParseObjectIdPipe (every id of the API is an ObjectId). */
const OBJECT_ID_PARAM = /^(id|studentId|conversationId)$/;
export const OBJECT_ID_PATTERN = '^[0-9a-fA-F]{24}$';

/** The domain errors a route can answer, as its use case throws them (status and code are read from them). */
export function ApiErrors(...errors: AppError[]) {
  const byStatus: Record<string, string[]> = {};
  for (const e of errors) {
    const codes = (byStatus[String(e.status)] ??= []);
    if (!codes.includes(e.code)) codes.push(e.code);
  }
  return ApiExtension(X_ERRORS, byStatus);
}

export const X_SSE_EVENTS = 'x-sse-events';

/**
 * A Server-Sent Events route: `text/event-stream`, and in `x-sse-events` the JSON schema of the
 * `data:` of each `event:` name (libs/http/sse.ts writes them; clients parse them as JSON).
 */
export function ApiSse(events: Record<string, Type>, description: string) {
  const schemas = Object.fromEntries(
    Object.entries(events).map(([name, type]) => [name, { $ref: getSchemaPath(type) }]),
  );
  return applyDecorators(
    ApiExtraModels(...Object.values(events)),
    ApiProduces('text/event-stream'),
    ApiOkResponse({
      description,
      content: {
        'text/event-stream': {
          schema: {
            type: 'string',
            description: 'Des blocs « event: <nom> », « id: <id> », « data: <JSON> » séparés par une ligne vide',
          },
        },
      },
    }),
    ApiExtension(X_SSE_EVENTS, schemas),
  );
}

/** The error body of every error answer (all-exceptions.filter.ts). */
export const ERROR_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'Corps de toute réponse d’erreur : `code` stable (UPPER_SNAKE) à tester par les clients, `message` en français, ' +
    '`details` (par champ, ou le détail d’un quota) quand il y en a ; `errorId` sur les 500, à citer au support.',
  properties: {
    statusCode: { type: 'integer', example: 400 },
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    message: { type: 'string', example: 'Données invalides — email : doit être une adresse e-mail' },
    details: { type: 'array', items: {} },
    errorId: { type: 'string', format: 'uuid' },
  },
  required: ['statusCode', 'code', 'message'],
  additionalProperties: false,
};

const STATUS_TEXT: Record<string, string> = {
  '400': 'Requête invalide',
  '401': 'Non authentifié',
  '403': 'Interdit',
  '404': 'Introuvable',
  '409': 'Conflit',
  '413': 'Corps trop volumineux',
  '422': 'Requête impossible à traiter',
  '429': 'Trop de requêtes',
  '500': 'Erreur interne',
  '503': 'Service indisponible',
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Marked = OperationObject & Record<string, unknown>;

function add(errors: Record<string, string[]>, status: number, ...codes: string[]): void {
  const list = (errors[String(status)] ??= []);
  for (const c of codes) if (!list.includes(c)) list.push(c);
}

function isParameter(p: ParameterObject | ReferenceObject): p is ParameterObject {
  return !('$ref' in p);
}

function errorResponse(status: string, codes: string[], retryAfter: boolean): ResponseObject {
  const response: ResponseObject = {
    description: `${STATUS_TEXT[status] ?? 'Erreur'} : ${codes.join(', ')}`,
    content: {
      'application/json': {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/ErrorBody' },
            {
              type: 'object',
              properties: {
                statusCode: { type: 'integer', enum: [Number(status)] },
                code: { type: 'string', enum: codes },
              },
            },
          ],
        },
      },
    },
  };
  if (retryAfter) {
    response.headers = {
      'Retry-After': { description: 'Secondes à attendre avant de réessayer', schema: { type: 'integer' } },
    };
  }
  return response;
}

function finishOperation(op: Marked): void {
  const isPublic = op[X_PUBLIC] === true;
  const errors: Record<string, string[]> = {};
  for (const [status, codes] of Object.entries((op[X_ERRORS] as Record<string, string[]> | undefined) ?? {})) {
    add(errors, Number(status), ...codes);
  }
  if (isPublic) delete op.security;
  else {
    op.security = [{ bearer: [] }];
    add(errors, 401, 'UNAUTHORIZED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'SESSION_ENDED');
    if (op[X_STREAM_TICKET]) add(errors, 401, 'STREAM_TICKET_INVALID');
    if (!op[X_ALLOW_NO_ROLE]) add(errors, 403, 'ROLE_PENDING');
    if (op[X_ROLES]) add(errors, 403, 'FORBIDDEN');
  }
  const params = (op.parameters ?? []).filter(isParameter);
  for (const p of params) {
    if (p.in === 'path' && OBJECT_ID_PARAM.test(p.name)) {
      p.schema = { type: 'string', pattern: OBJECT_ID_PATTERN };
      add(errors, 400, 'INVALID_ID');
    }
  }
  const jsonBody = !!op.requestBody && 'content' in op.requestBody && 'application/json' in op.requestBody.content;
  if (jsonBody || params.some((p) => p.in === 'query')) add(errors, 400, 'VALIDATION_FAILED');
  if (jsonBody) {
    add(errors, 400, 'INVALID_JSON');
    add(errors, 413, 'PAYLOAD_TOO_LARGE');
  }
  add(errors, 429, 'RATE_LIMITED');
  add(errors, 500, 'INTERNAL_ERROR');
  // Any route may find the engine or Redis away (outages.ts); a route with its own 503 body (health) keeps it.
  if (!(op.responses['503'] as ResponseObject | undefined)?.content) {
    add(errors, 503, 'DATABASE_UNAVAILABLE', 'REDIS_UNAVAILABLE');
  }
  for (const status of Object.keys(errors).sort()) {
    const json = errorResponse(status, errors[status], status === '429' || status === '503');
    const declared = op.responses[status] as ResponseObject | undefined;
    // A route that also answers a page for this status (the queue board) keeps it beside the JSON.
    op.responses[status] = declared?.content
      ? {
          ...declared,
          description: `${declared.description} ; ${json.description}`,
          content: { ...declared.content, ...json.content },
        }
      : json;
  }
  for (const mark of [X_PUBLIC, X_ALLOW_NO_ROLE, X_STREAM_TICKET, X_ERRORS]) Reflect.deleteProperty(op, mark);
}

/** Closes every object schema that lists its properties (see the comment at the top). */
function closeSchemas(schemas: Record<string, SchemaObject | ReferenceObject>): void {
  for (const [name, schema] of Object.entries(schemas)) {
    // `Object` is what the plugin names an `unknown` or untyped body: it stays open.
    if ('$ref' in schema || name === 'Object') continue;
    if (schema.type === 'object' && schema.properties) schema.additionalProperties ??= false;
  }
}

/**
 * String enums in a stable order: the plugin lists a union's literals in the type checker's order,
 * which differs between `nest build` and ts-jest; the document must be the same from both.
 */
function sortEnums(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) sortEnums(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'enum' && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      value.sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0));
    } else sortEnums(value);
  }
}

/** Completes the document SwaggerModule built (see the comment at the top). */
export function finishOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ErrorBody = ERROR_BODY_SCHEMA;
  for (const item of Object.values(document.paths) as PathItemObject[]) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) finishOperation(op as Marked);
    }
  }
  closeSchemas(document.components.schemas);
  sortEnums(document);
  return document;
}
