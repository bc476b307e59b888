import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { finishOpenApiDocument } from '../libs/http';

/** Where the UI and the document are served (API.md: `GET /api/docs`, `GET /api/docs-json`). */
export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';

/**
 * The OpenAPI document of the app, built from the controllers and DTOs (the swagger CLI
 * plugin of nest-cli.json reads their types and class-validator rules). Served at
 * /api/docs-json and written to docs/openapi.json by `npm run openapi` (src/openapi.command.ts).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Prompt Challenge API')
    .setDescription(
      'Backend des hackathons de prompt engineering (contrat REST v1.1, docs/api.md). Erreurs : {statusCode, code, message, details?}.',
    )
    .setVersion('1.1')
    .addBearerAuth()
    .build();
  return finishOpenApiDocument(SwaggerModule.createDocument(app, config));
}
