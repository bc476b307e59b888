import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const ANALYTICS_EVENT_TYPES = [
  'sign-in',
  'conversation-created',
  'message-sent',
  'final-submitted',
  'grade-given',
] as const;
export type AnalyticsEventType = (typeof ANALYTICS_EVENT_TYPES)[number];

/** Days an analytics event is kept (docs/data-model.md §14.3): TTL on MongoDB, `purge-analytics` everywhere. */
export const ANALYTICS_RETENTION_DAYS = 30;

/** docs/data-model.md §14.3: one usage event. No personal data besides the user id. `minimize: false` keeps an empty `metadata`. */
@Schema({ collection: 'analytics_events', versionKey: false, minimize: false })
export class AnalyticsEvent {
  @Prop({ type: String, required: true, enum: ANALYTICS_EVENT_TYPES }) type: AnalyticsEventType;
  @Prop({ type: Types.ObjectId, default: null }) userId: Types.ObjectId | null;
  @Prop({ type: Types.ObjectId, default: null }) hackathonId: Types.ObjectId | null;
  @Prop({ type: Object, default: {} }) metadata: Record<string, unknown>;
  @Prop({ type: Date, required: true }) timestamp: Date;
}

export const AnalyticsEventSchema = SchemaFactory.createForClass(AnalyticsEvent);
// TTL: built on MongoDB only (IndexBuilder skips it on FerretDB); the daily purge does the same job.
AnalyticsEventSchema.index({ timestamp: 1 }, { expireAfterSeconds: ANALYTICS_RETENTION_DAYS * 24 * 3600 });
AnalyticsEventSchema.index({ type: 1, timestamp: -1 });
AnalyticsEventSchema.index({ userId: 1, timestamp: -1 });
AnalyticsEventSchema.index({ hackathonId: 1, type: 1 });
