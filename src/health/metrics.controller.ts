import { Controller, Get, Header, OnModuleInit } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Gauge } from 'prom-client';
import { MetricsService, Public } from '../../libs/http';
import { HealthService } from './health.service';

/** Prometheus text format at `/metrics` (outside /api/v1). */
@ApiTags('health')
@Controller('metrics')
export class MetricsController implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly health: HealthService,
  ) {}

  onModuleInit(): void {
    const health = this.health;
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        const counts = await health.queueCounts().catch(() => ({}) as Record<string, Record<string, number>>);
        for (const [queue, states] of Object.entries(counts)) {
          for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
        }
      },
    });
  }

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ operationId: 'metrics.scrape', summary: 'Métriques Prometheus (format texte), hors /api/v1' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Format d’exposition Prometheus 0.0.4',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
