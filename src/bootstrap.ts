import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { TestingModuleBuilder } from '@nestjs/testing';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { AppConfig, corsOriginsOf, EnvValidationError, validateEnv } from '../config/env.schema';
import { AllExceptionsFilter, BodyErrors, forbiddenKeyIn, jsonDepthExceeds } from '../libs/http';
import { AppModule } from './app.module';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT = '1mb';

/** Reads `.env` when present, then validates; one line and exit 1 on a bad variable. */
export function loadConfigOrExit(overrides: Record<string, string | undefined> = {}): AppConfig {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return validateEnv({ ...process.env, ...overrides });
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
  // Swagger UI and the queue dashboard need inline scripts: no CSP on those pages.
  const strict = helmet();
  const relaxed = helmet({ contentSecurityPolicy: false });
  const relaxedPaths = ['/api/docs', `/${API_PREFIX}/admin/queues`];
  app.use((req: Request, res: Response, next: NextFunction) =>
    (relaxedPaths.some((p) => req.path.startsWith(p)) ? relaxed : strict)(req, res, next),
  );
  configureCors(app, config);
  // Bad bodies are refused before anything reads them (API.md 1.1): nesting deeper than 32
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
    const key = req.body && typeof req.body === 'object' ? forbiddenKeyIn(req.body) : null;
    next(key ? BodyErrors.forbiddenKey(key) : undefined);
  });
  // Body-parser errors happen before routing; answer them in the API's error format.
  const filter = new AllExceptionsFilter();
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const { body } = filter.toBody(err, req);
    res.status(body.statusCode).json(body);
  });
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Prompt Challenge API')
      .setDescription(
        'Backend des hackathons de prompt engineering (contrat REST v1). Erreurs : {statusCode, code, message, details?}.',
      )
      .setVersion('1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * CORS (API.md 1.1): the origins of `CORS_ORIGINS` (default: the web client's) may call the
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
    allowedHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
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
  const options = { bodyParser: false, bufferLogs: false, logger: false as const, abortOnError: false };
  let app: NestExpressApplication;
  if (customize) {
    // Loaded lazily: @nestjs/testing is a dev dependency.
    const { Test } = await import('@nestjs/testing');
    const moduleRef = await customize(Test.createTestingModule({ imports: [AppModule.forRoot(config)] })).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>(options);
  } else {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), options);
  }
  app.useLogger(app.get(Logger));
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
