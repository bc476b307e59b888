import type { operations } from '@prompt-challenge/api-client';

/** The query parameters of an operation of the OpenAPI document: `QueryOf<'users.list'>`. */
export type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

/** The path parameters of an operation: `PathOf<'admin.startJob'>['name']`. */
export type PathOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['path']>;

/** The JSON body of an operation: `BodyOf<'users.create'>`. */
export type BodyOf<Op extends keyof operations> =
  NonNullable<operations[Op]['requestBody']> extends { content: { 'application/json': infer B } } ? B : never;
