export * from './idempotency.errors';
export * from './idempotency.interceptor';
export * from './idempotency-keys';
export * from './idempotency.module';
