export * from './redis.module';
export * from './redis.service';
export * from './redis-throttler.storage';
export * from './document-lock';
export * from './redis-streams';
export * from './disconnect';
