import { ApiProperty } from '@nestjs/swagger';

export class MongoHealth {
  status: 'up' | 'down';
  responseTimeMs?: number;
  error?: string;
}

export class RedisHealth {
  status: 'up' | 'down';
  error?: string;
}

/** `200` when MongoDB and Redis answer, `503` with the same body when one does not. */
export class HealthReport {
  status: 'ok' | 'error';
  mongo: MongoHealth;
  redis: RedisHealth;
  @ApiProperty({
    description: 'Par file (ai, mail, admin) le nombre de jobs par état, ou {status: "unknown"} sans Redis',
    example: { ai: { waiting: 0, active: 1, delayed: 0, failed: 0, completed: 12 } },
    type: 'object',
    additionalProperties: true,
  })
  queues: Record<string, Record<string, number>> | { status: 'unknown' };
}
