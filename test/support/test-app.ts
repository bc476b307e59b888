import type { NestExpressApplication } from '@nestjs/platform-express';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { basename } from 'node:path';
import request from 'supertest';
import { AppConfig, validateEnv } from '../../config/env.schema';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { createHttpApp } from '../../src/bootstrap';
import { withContract } from './contract';

let appCounter = 0;

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** Base URL of the listening server (for SSE and raw HTTP). */
  url: string;
  /** A supertest agent whose every answer is checked against docs/openapi.json (contract.ts). */
  http: () => request.Agent;
  connection: Connection;
  close: () => Promise<void>;
}

/** `pc_test_<run>_<file>_<n>`: one database per app, always named with "test". */
export function testDatabaseName(): string {
  const runId = process.env.TEST_RUN_ID ?? 'local';
  const file = basename(expect.getState().testPath ?? 'unknown')
    .replace(/\.e2e-spec\.ts$/, '')
    .replace(/[^A-Za-z0-9]/g, '_')
    .slice(0, 20);
  const name = `pc_test_${runId}_${file}_${++appCounter}`;
  if (!name.includes('test')) throw new Error(`refus : base de test sans "test" dans son nom (${name})`);
  return name;
}

/** The environment of a test app; `overrides` win. */
export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const db = testDatabaseName();
  return {
    NODE_ENV: 'test',
    APP_ROLE: 'all',
    MONGODB_URI: process.env.TEST_MONGODB_URI,
    MONGODB_DB: db,
    // Where FerretDB keeps its data, so the app adds the indexes its reads can use (unset on MongoDB).
    FERRETDB_POSTGRESQL_URL: process.env.TEST_FERRETDB_POSTGRESQL_URL,
    FERRETDB_SQLITE_DIR: process.env.TEST_FERRETDB_SQLITE_DIR,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `pctest:${process.env.TEST_RUN_ID ?? 'local'}:${db}`,
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JOB_BACKOFF_BASE_MS: '50',
    // The AI retry window scaled like the backoff (1 s → 50 ms): the same 8 attempts as in production.
    AI_RETRY_WINDOW_MS: '6000',
    SHUTDOWN_TIMEOUT_MS: '2000',
    MAIL_OUTBOX_DIR: `/tmp/pc-outbox-${db}`,
    ...overrides,
  };
}

/** The real app, listening on a free port, against the run's engine and Redis. */
export async function startTestApp(
  overrides: Record<string, string | undefined> = {},
  customize?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<TestApp> {
  const config = validateEnv(testEnv(overrides));
  const app = await createHttpApp(config, customize);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const connection = app.get<Connection>(getConnectionToken());
  return {
    app,
    config,
    url,
    http: () => withContract(request.agent(app.getHttpServer())),
    connection,
    close: async () => {
      await connection.dropDatabase().catch(() => undefined);
      await app.close();
    },
  };
}
