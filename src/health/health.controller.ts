import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../../libs/http';
import { HealthReport } from './health.response';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly terminus: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    operationId: 'health.check',
    summary: 'État de MongoDB, Redis et des files ; 503 quand une dépendance est tombée',
  })
  @ApiResponse({ status: 503, description: 'Une dépendance est tombée (même corps)', type: HealthReport })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const indicator = async <K extends 'mongo' | 'redis'>(
      key: K,
      probe: () => Promise<{ status: 'up' | 'down' } & object>,
    ) => {
      const { status, ...data } = await probe();
      const session = this.indicators.check(key);
      return status === 'up' ? session.up(data) : session.down(data);
    };
    let result: HealthCheckResult;
    try {
      result = await this.terminus.check([
        () => indicator('mongo', () => this.health.mongo()),
        () => indicator('redis', () => this.health.redisStatus()),
      ]);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      result = err.getResponse() as HealthCheckResult;
    }
    const mongo = result.details.mongo as unknown as HealthReport['mongo'];
    const redis = result.details.redis as unknown as HealthReport['redis'];
    const queues =
      redis.status === 'up'
        ? await this.health.queueCounts().catch(() => ({ status: 'unknown' as const }))
        : { status: 'unknown' as const };
    const ok = result.status === 'ok';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', mongo, redis, queues };
  }
}
