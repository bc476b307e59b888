// Analytics events (seed 14.3). Other contexts import from here (not from '../admin', whose
// module imports them back).
export { AnalyticsModule } from './analytics.module';
export { AnalyticsRecorder } from './analytics.recorder';
export type { AnalyticsContext } from './analytics.recorder';
export { ANALYTICS_RETENTION_DAYS } from './analytics-event.schema';
export type { AnalyticsEventType } from './analytics-event.schema';
