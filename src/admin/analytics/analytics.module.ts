import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AnalyticsEvent, AnalyticsEventSchema } from './analytics-event.schema';
import { AnalyticsListener } from './analytics.listener';
import { AnalyticsRecorder } from './analytics.recorder';

/** Usage events (docs/data-model.md §14.3), fed by the domain events of the other contexts. */
@Module({
  imports: [MongooseModule.forFeature([{ name: AnalyticsEvent.name, schema: AnalyticsEventSchema }])],
  providers: [AnalyticsRecorder, AnalyticsListener],
  exports: [AnalyticsRecorder],
})
export class AnalyticsModule {}
