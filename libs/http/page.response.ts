import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * The OpenAPI schema of a `Page<T>` (pagination.ts) of `item`: the plugin cannot read generic
 * classes, so each listing's answer is `class XPage extends PageOf(X) {}` in its response file.
 */
export function PageOf<T>(item: Type<T>) {
  class PageOfItems {
    @ApiProperty({ type: () => [item] }) items: T[];
    @ApiProperty({ type: 'integer', minimum: 0, example: 123 }) total: number;
    @ApiProperty({ type: 'integer', minimum: 1, example: 1 }) page: number;
    @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 20 }) limit: number;
  }
  return PageOfItems;
}

/** `{}`: what the routes that never tell anything (magic link, password forgot, invitation) answer. */
export class EmptyResponse {}
