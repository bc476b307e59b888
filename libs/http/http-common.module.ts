import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** Per-app HTTP services every context may use. */
@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class HttpCommonModule {}
