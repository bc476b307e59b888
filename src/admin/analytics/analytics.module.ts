import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AnalyticsEvent, AnalyticsEventSchema } from './analytics-event.schema';
import { AnalyticsRecorder } from './analytics.recorder';

/**
 * Global so that identity, conversation and evaluation can record events without importing
 * AdminModule (which imports them: a cycle). Depends on Mongoose and the global Clock only.
 */
@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: AnalyticsEvent.name, schema: AnalyticsEventSchema }])],
  providers: [AnalyticsRecorder],
  exports: [AnalyticsRecorder],
})
export class AnalyticsModule {}
