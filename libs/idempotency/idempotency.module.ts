import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { IdempotencyKey, IdempotencyKeySchema } from './idempotency-key.schema';
import { IdempotencyKeyRepository } from './idempotency-key.repository';
import { IdempotencyKeys } from './idempotency-keys';

/** `Idempotency-Key` on the routes marked `@Idempotent()` (idempotency.interceptor.ts) and its purge. */
@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: IdempotencyKey.name, schema: IdempotencyKeySchema }])],
  providers: [IdempotencyKeyRepository, IdempotencyKeys],
  exports: [IdempotencyKeys],
})
export class IdempotencyModule {}
