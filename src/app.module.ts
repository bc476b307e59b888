import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfigModule } from '../config/app-config.module';
import { AppConfig } from '../config/env.schema';
import { DatabaseModule } from '../libs/database';
import { AllExceptionsFilter, createValidationPipe, HttpCommonModule, HttpObservabilityMiddleware } from '../libs/http';
import { IdempotencyModule } from '../libs/idempotency';
import { MailModule } from '../libs/mail';
import { QueueModule } from '../libs/queue';
import { RedisModule } from '../libs/redis';
import { AiProvidersModule } from '../libs/ai-providers';
import { ClockModule } from '../libs/clock';
import { EventsModule } from '../libs/events';
import { HackathonModule } from './hackathon/hackathon.module';
import { HealthModule } from './health/health.module';
import { ConversationModule } from './conversation';
import { EvaluationModule } from './evaluation';
import { AdminModule } from './admin';
import { VerificationModule } from './verification';
import { IdentityModule } from './identity/identity.module';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Readable lines (pino-pretty) for a person at a terminal in development; JSON everywhere else
 * (production, tests, piped output). pino-pretty is a dev dependency: without it, JSON too.
 */
function prettyTransport(config: AppConfig) {
  if (config.NODE_ENV !== 'development' || !process.stdout.isTTY) return undefined;
  try {
    require.resolve('pino-pretty');
  } catch {
    return undefined;
  }
  return {
    target: 'pino-pretty',
    options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
  };
}

function loggerModule(config: AppConfig) {
  const transport = prettyTransport(config);
  const options: PinoHttpOptions = {
    level: config.LOG_LEVEL,
    transport,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/metrics' },
    // The serializers below keep headers (Authorization, cookies) out of every line, so no
    // `redact`: it ran on every request's child logger for nothing.
    serializers: {
      // Stream tickets travel in the query string (EventSource): never in the logs.
      req: (req: { id?: unknown; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        url: String(req.url).replace(/([?&]ticket=)[^&]*/g, '$1***'),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return LoggerModule.forRoot({
    // Nest 11's path syntax (the default '*' logs a LegacyRouteConverter warning).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    // JSON lines written asynchronously: under load the lines of many requests leave in one
    // write instead of one system call each; pino flushes what is left when the process exits.
    pinoHttp: transport ? options : [options, pino.destination({ dest: 1, sync: false })],
  });
}

/**
 * The whole service. The same module runs in every process; `APP_ROLE` only decides whether
 * HTTP is served (main.ts) and whether queue processors run (QueueWorkersHost).
 */
@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        loggerModule(config),
        DatabaseModule.forRoot(config),
        HttpCommonModule,
        RedisModule,
        QueueModule.forRoot(config),
        IdempotencyModule,
        MailModule,
        ClockModule,
        EventsModule,
        AiProvidersModule,
        HealthModule,
        IdentityModule,
        HackathonModule,
        ConversationModule,
        VerificationModule,
        EvaluationModule,
        AdminModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpObservabilityMiddleware).forRoutes('*path');
  }
}
