import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { finishOpenApiDocument } from '../libs/http';

/** Where the UI and the document are served (API.md: `GET /api/docs`, `GET /api/docs-json`). */
export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';
/** The queue board's path as browsers see it (admin/queues-board, Bull Board under the API prefix). */
const QUEUES_BOARD_PATH = '/api/v1/admin/queues';

const page = (description: string): ResponseObject => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});

/**
 * What the app serves beside its controllers, so the document lists every route of API.md: the
 * docs themselves (SwaggerModule) and the queue board (express middleware, src/admin/queues-board).
 * The board's own pages and JSON API under its path are Bull Board's, not part of the contract.
 */
function routesBesideControllers(): Record<string, Record<string, OperationObject>> {
  const board: OperationObject = {
    operationId: 'admin.queuesBoard',
    tags: ['admin'],
    summary: 'Tableau des files (Bull Board), administrateurs seulement',
    description:
      'Avec un jeton admin (en-tête Authorization ou cookie du tableau) : la page du tableau. Un navigateur sans ' +
      'session (Accept: text/html) reçoit un formulaire de connexion (200), un non-admin une page de refus (403) ; ' +
      'un script reçoit les erreurs JSON (401, 403).',
    security: [{ bearer: [] }],
    responses: {
      '200': page('La page du tableau, ou le formulaire de connexion pour un navigateur sans session'),
      '403': page('Page de refus pour un navigateur connecté sans le rôle admin'),
    },
    'x-roles': ['admin'],
  } as OperationObject;
  return {
    [`/${DOCS_PATH}`]: {
      get: {
        operationId: 'docs.ui',
        tags: ['docs'],
        summary: 'Documentation OpenAPI (Swagger UI)',
        responses: { '200': page('La page Swagger UI') },
        'x-public': true,
      } as OperationObject,
    },
    [`/${DOCS_JSON_PATH}`]: {
      get: {
        operationId: 'docs.document',
        tags: ['docs'],
        summary: 'Ce document OpenAPI (docs/openapi.json)',
        responses: {
          '200': { description: 'Le document', content: { 'application/json': { schema: { type: 'object' } } } },
        },
        'x-public': true,
      } as OperationObject,
    },
    [QUEUES_BOARD_PATH]: { get: board },
    [`${QUEUES_BOARD_PATH}/login`]: {
      get: {
        operationId: 'admin.queuesBoardSignInForm',
        tags: ['admin'],
        summary: 'Formulaire de connexion du tableau des files (oublie le cookie du tableau)',
        responses: { '200': page('Le formulaire (e-mail et mot de passe)') },
        'x-public': true,
      } as OperationObject,
      post: {
        operationId: 'admin.queuesBoardSignIn',
        tags: ['admin'],
        summary: 'Connexion au tableau des files par mot de passe (même règle et même limite que POST /auth/login)',
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                properties: { email: { type: 'string' }, password: { type: 'string' } },
                required: ['email', 'password'],
              },
            },
          },
        },
        responses: {
          '303': {
            description: 'Connecté : cookie HttpOnly du tableau posé, redirection vers le tableau',
            headers: { Location: { schema: { type: 'string' } }, 'Set-Cookie': { schema: { type: 'string' } } },
            content: { 'text/plain': { schema: { type: 'string' } }, 'text/html': { schema: { type: 'string' } } },
          },
          '400': page('Champ manquant : le formulaire avec un message'),
          '401': page('Mauvais identifiants : le formulaire avec un message'),
          '403': page('Compte sans le rôle admin : page de refus'),
          '429': page('Trop de tentatives : le formulaire avec un message (Retry-After)'),
        },
        'x-public': true,
      } as OperationObject,
    },
  };
}

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
  const document = SwaggerModule.createDocument(app, config);
  Object.assign(document.paths, routesBesideControllers());
  return finishOpenApiDocument(document);
}
