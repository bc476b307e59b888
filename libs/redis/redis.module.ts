import { Global, Module } from '@nestjs/common';
import { DocumentLock } from './document-lock';
import { RedisService } from './redis.service';
import { RedisStreams } from './redis-streams';

@Global()
@Module({ providers: [RedisService, DocumentLock, RedisStreams], exports: [RedisService, DocumentLock, RedisStreams] })
export class RedisModule {}
