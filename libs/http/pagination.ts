import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** `?page=1&limit=20` as docs/api.md says: limit 1..100, default 20. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export function skipOf(q: { page: number; limit: number }): number {
  return (q.page - 1) * q.limit;
}

export function pageOf<T>(items: T[], total: number, q: { page: number; limit: number }): Page<T> {
  return { items, total, page: q.page, limit: q.limit };
}
