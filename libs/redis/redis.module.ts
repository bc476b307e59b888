import { Global, Module } from '@nestjs/common';
import { DocumentLock } from './document-lock';
import { RedisService } from './redis.service';

@Global()
@Module({ providers: [RedisService, DocumentLock], exports: [RedisService, DocumentLock] })
export class RedisModule {}
