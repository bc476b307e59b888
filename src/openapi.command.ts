import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { validateEnv } from '../config/env.schema';
import { AppModule } from './app.module';
import { configureHttp } from './bootstrap';
import { createOpenApiDocument } from './openapi';

/**
 * `npm run openapi [-- <file>]`: writes the OpenAPI document (default docs/openapi.json) from the
 * built code, without MongoDB or Redis: Nest's preview mode registers the modules and routes
 * but instantiates no provider, so nothing connects. The variables below only satisfy the
 * env validation; the document does not depend on them.
 */
async function main(): Promise<void> {
  const target = resolve(process.argv[2] ?? 'docs/openapi.json');
  const config = validateEnv({
    NODE_ENV: 'production',
    MONGODB_URI: 'mongodb://127.0.0.1:1/openapi',
    JWT_SECRET: 'openapi-document-only-'.padEnd(48, 'x'),
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    preview: true,
    logger: false,
    abortOnError: false,
    bodyParser: false,
  });
  configureHttp(app, config);
  const document = createOpenApiDocument(app);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`OpenAPI : ${Object.keys(document.paths).length} chemins écrits dans ${target}\n`);
  await app.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`openapi : ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
