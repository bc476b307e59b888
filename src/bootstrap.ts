import { Logger as NestLogger, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { TestingModuleBuilder } from '@nestjs/testing';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppConfig, corsOriginsOf, EnvValidationError, validateEnv } from '../config/env.schema';
import { AllExceptionsFilter, BodyErrors, forbiddenKeyIn, jsonDepthExceeds, nulCharacterField } from '../libs/http';
import { AppModule } from './app.module';
import { createOpenApiDocument, DOCS_JSON_PATH, DOCS_PATH } from './openapi';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT = '1mb';

/** Where a running `npm start` / `npm run services` keeps its services' addresses (tools/services.mjs). */
export const LOCAL_RUN_FILE = '.data/local-run.json';

type Env = Record<string, string | undefined>;

function processAlive(pid: unknown): boolean {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The variables a running `npm start` kept in `.data/local-run.json` (relative to `cwd`),
 * for those `env` leaves unset: so `npm run create-admin`, `migrate` and `diagnose` reach the
 * services it started without copying anything. What is set in the environment (or `.env`)
 * wins; the database group (MONGODB_URI, MONGODB_DB, FERRETDB_*) is taken only as a whole,
 * when MONGODB_URI is unset. Ignored in tests and once the process that wrote it is gone.
 */
export function localRunEnv(env: Env, cwd = process.cwd(), warn: (m: string) => void = () => undefined): Env {
  const file = resolve(cwd, LOCAL_RUN_FILE);
  if (env.NODE_ENV === 'test' || !existsSync(file)) return {};
  let kept: { pid?: unknown; env?: Record<string, unknown> };
  try {
    kept = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    warn(`${LOCAL_RUN_FILE} illisible, ignoré : ${(err as Error).message}`);
    return {};
  }
  if (!processAlive(kept.pid)) {
    warn(`${LOCAL_RUN_FILE} ignoré : le processus qui l'a écrit (npm start, pid ${String(kept.pid)}) ne tourne plus`);
    return {};
  }
  const from = Object.fromEntries(
    Object.entries(kept.env ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const out: Env = {};
  if (!env.MONGODB_URI && from.MONGODB_URI) {
    for (const k of ['MONGODB_URI', 'MONGODB_DB', 'FERRETDB_POSTGRESQL_URL', 'FERRETDB_SQLITE_DIR']) {
      if (from[k] && !env[k]) out[k] = from[k];
    }
  }
  for (const k of ['REDIS_URL', 'REDIS_PREFIX']) if (from[k] && !env[k]) out[k] = from[k];
  if (!env.JWT_SECRET && from.JWT_SECRET_FILE) {
    try {
      out.JWT_SECRET = readFileSync(resolve(cwd, from.JWT_SECRET_FILE), 'utf8').trim();
    } catch (err) {
      warn(`JWT_SECRET_FILE de ${LOCAL_RUN_FILE} illisible : ${(err as Error).message}`);
    }
  }
  return out;
}

/**
 * Reads `.env` when present, then what a running `npm start` kept (localRunEnv), then
 * validates; one line and exit 1 on a bad variable.
 */
export function loadConfigOrExit(overrides: Record<string, string | undefined> = {}): AppConfig {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env: Env = { ...process.env, ...overrides };
  const kept = localRunEnv(env, process.cwd(), (m) => process.stderr.write(`${m}\n`));
  try {
    return validateEnv({ ...env, ...kept });
  } catch (err) {
    if (err instanceof EnvValidationError) {
      process.stderr.write(`Configuration invalide : ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** The HTTP side of the app: prefix, body limit, helmet, OpenAPI. Used by main.ts and tests. */
export function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.TRUST_PROXY);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['metrics'] });
  app.disable('x-powered-by');
  // No ETag on API answers: Express hashes every body for it, and no client revalidates them
  // (per-user data behind a token). The web client's files keep theirs (express.static).
  app.set('etag', false);
  // Swagger UI and the queue dashboard need inline scripts: no CSP on those pages.
  const strict = helmet();
  const relaxed = helmet({ contentSecurityPolicy: false });
  const relaxedPaths = ['/api/docs', `/${API_PREFIX}/admin/queues`];
  app.use((req: Request, res: Response, next: NextFunction) =>
    (relaxedPaths.some((p) => req.path.startsWith(p)) ? relaxed : strict)(req, res, next),
  );
  configureCors(app, config);
  serveWebClient(app);
  // Bad bodies are refused before anything reads them (docs/api.md 1.1): nesting deeper than 32
  // levels is seen on the raw bytes, before JSON.parse; prototype keys right after it.
  app.use(
    express.json({
      limit: BODY_LIMIT,
      verify: (_req, _res, raw) => {
        if (jsonDepthExceeds(raw)) throw BodyErrors.tooDeep();
      },
    }),
  );
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const body: unknown = req.body;
    const key = body && typeof body === 'object' ? forbiddenKeyIn(body) : null;
    if (key) return next(BodyErrors.forbiddenKey(key));
    const nulField = body && typeof body === 'object' ? nulCharacterField(body) : null;
    next(nulField ? BodyErrors.nulCharacter(nulField) : undefined);
  });
  // Body-parser errors happen before routing; answer them in the API's error format.
  const filter = new AllExceptionsFilter();
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const { body } = filter.toBody(err, req);
    res.status(body.statusCode).json(body);
  });
  app.enableShutdownHooks();

  const document = createOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: DOCS_JSON_PATH });
}

/** Nest's own start-up chatter: one line per module, controller and route, at every start. */
const CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Drops Nest's start-up chatter (the routes are in the OpenAPI document); everything else goes
 * to the app's pino logger unchanged.
 */
class QuietStartupLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}
  log(message: unknown, ...rest: unknown[]) {
    if (!CHATTER.has(rest[rest.length - 1] as string)) this.inner.log(message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.inner.error(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.inner.warn(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.inner.debug?.(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.inner.verbose?.(message, ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.inner.fatal?.(message, ...rest);
  }
}

/**
 * Routes Nest's logs to pino. Create the app with `bufferLogs: true`: what modules logged while
 * they were built (e.g. "aucun fournisseur d'IA configuré", libs/ai-providers) is flushed here
 * instead of being lost.
 */
export function attachLogger(app: INestApplicationContext): void {
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
}

/** The reference web client's build (web/, `npm run build`), served at `/` from the same origin. */
export const WEB_DIST_DIR = 'web/dist';
/** Paths that are the API's, never the web client's. */
const NOT_WEB = /^\/(api|metrics)(\/|$)/;

/**
 * Serves web/dist at `/`: its hashed assets with a long cache, and index.html for every other
 * page a person opens (`/connexion?token=`, `/etudiant/...`: the single-page app routes them),
 * never for the API's paths. Nothing is served when the client was not built.
 */
function serveWebClient(app: NestExpressApplication): void {
  const root = resolve(process.cwd(), WEB_DIST_DIR);
  const index = resolve(root, 'index.html');
  if (!existsSync(index)) return;
  const assets = express.static(root, {
    index: false,
    setHeaders: (res, file) =>
      res.setHeader('Cache-Control', file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    NOT_WEB.test(req.path) ? next() : assets(req, res, next),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_WEB.test(req.path) || !req.accepts('html'))
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/**
 * CORS (docs/api.md 1.1): the origins of `CORS_ORIGINS` (default: the web client's) may call the
 * API from a browser; a preflight answers 204 with the allowed methods and headers. Any other
 * origin gets no CORS header at all. Tokens travel in the Authorization header, never in
 * cookies, so credentials are not allowed.
 */
function configureCors(app: NestExpressApplication, config: AppConfig): void {
  const allowed = new Set(corsOriginsOf(config));
  app.enableCors({
    origin: (origin: string | undefined, callback: (err: Error | null, allow?: boolean) => void) =>
      callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Idempotency-Key and its answer's mark: libs/idempotency (a mobile or school client retrying a send).
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID', 'X-Request-Id'],
    exposedHeaders: ['Idempotent-Replayed', 'Retry-After', 'X-Request-Id'],
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
}

/**
 * Builds the HTTP app. `customize` lets tests swap a port (clock, mailer) through Nest's
 * testing module; production passes nothing.
 */
export async function createHttpApp(
  config: AppConfig,
  customize?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<NestExpressApplication> {
  // logger false: nothing reaches the console before pino is attached, and a failed start
  // prints only startupFailure's one line; what was logged meanwhile is flushed to pino.
  const options = { bodyParser: false, bufferLogs: true, logger: false as const, abortOnError: false };
  let app: NestExpressApplication;
  if (customize) {
    // Loaded lazily: @nestjs/testing is a dev dependency.
    const { Test } = await import('@nestjs/testing');
    const moduleRef = await customize(Test.createTestingModule({ imports: [AppModule.forRoot(config)] })).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>(options);
  } else {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), options);
  }
  attachLogger(app);
  configureHttp(app, config);
  return app;
}

/** One readable line for a start-up failure (Mongo unreachable, index build, bad env). */
export function startupFailure(err: unknown, config?: AppConfig): never {
  const e = err as Error;
  let line = e?.message ?? String(err);
  if (
    /Server selection|ECONNREFUSED|getaddrinfo|connect ETIMEDOUT/i.test(line) ||
    e?.name === 'MongooseServerSelectionError'
  ) {
    const where = config?.MONGODB_URI.replace(/\/\/[^@/]*@/, '//***@') ?? 'MONGODB_URI';
    line = `MongoDB injoignable (${where}) : ${line.split('\n')[0]}`;
  }
  process.stderr.write(`Démarrage impossible : ${line}\n`);
  new NestLogger('Bootstrap').error(line);
  process.exit(1);
}
