// The typed client of the Prompt Challenge API. `schema.d.ts` is generated from
// docs/openapi.json by `npm run openapi` at the repository root: never edit it by hand.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };

/** Every schema of the document by name: `Schema<'UserView'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The body of every error answer: `{statusCode, code, message, details?}` (`code` is stable, `message` French). */
export type ApiErrorBody = components['schemas']['ErrorBody'];

/** A client whose paths, parameters, bodies and answers are those of the document. */
export type ApiClient = Client<paths>;

type HeaderValue = string | number | boolean | (string | number | boolean)[] | null | undefined;

export interface ApiClientOptions {
  /** Origin of the API, without `/api/v1` (the paths carry it): `http://127.0.0.1:3000`, or `''` in a page it serves. */
  baseUrl: string;
  /** The fetch to use (tests, server-side rendering); the global one otherwise. */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, HeaderValue>;
  /**
   * The current access token, read before each request: when it returns one, the request carries
   * `Authorization: Bearer <token>` (unless the call sets its own Authorization header).
   */
  accessToken?: () => string | null | undefined | Promise<string | null | undefined>;
}

/** The client: `api.POST('/api/v1/auth/login', { body: { email, password } })` → `{ data, error, response }`. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    headers: options.headers,
  });
  const accessToken = options.accessToken;
  if (accessToken) {
    const bearer: Middleware = {
      async onRequest({ request }) {
        if (request.headers.has('Authorization')) return undefined;
        const token = await accessToken();
        if (token) request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}

/** Whether an unknown value (a `catch`, a parsed body) is the API's error body. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.statusCode === 'number' && typeof v.code === 'string' && typeof v.message === 'string';
}
