import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { disconnectAndWait, RedisService } from '../../../libs/redis';

const SUBSCRIBE_WAIT_MS = 2000;

/** What a reply job holds while it writes: aborted when the student stops the answer. */
export interface StopWatch {
  signal: AbortSignal;
  release: () => void;
}

/**
 * Carries a student's stop to the process writing the answer (a worker, maybe another
 * process): one Redis pub/sub channel, one subscriber connection per process that writes
 * answers, opened with its first job. Only a way to stop the provider's call early: the stop
 * itself is the conversation's conditional close of the turn (StopAnswerUseCase), which holds
 * with no worker listening at all.
 */
@Injectable()
export class ReplyStops implements OnApplicationShutdown {
  private readonly logger = new Logger('ReplyStops');
  private readonly watched = new Map<string, AbortController>();
  private subscriber?: Redis;
  private subscribed?: Promise<void>;

  constructor(private readonly redis: RedisService) {}

  private get channel(): string {
    return this.redis.key('reply-stop');
  }

  /** Tells every process that the answer to `messageId` was stopped (best effort). */
  async announce(messageId: string): Promise<void> {
    await this.redis.client.publish(this.channel, messageId).catch((err: Error) => {
      this.logger.warn(`arrêt de ${messageId} non diffusé : ${err.message}`);
    });
  }

  /** Watches for a stop of the answer to `messageId` until `release`. */
  async watch(messageId: string): Promise<StopWatch> {
    const controller = new AbortController();
    this.watched.set(messageId, controller);
    // Not waited for long: without the channel the answer runs to its end, and the closed turn drops it.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.listen().catch((err: Error) => this.logger.warn(`canal des arrêts indisponible : ${err.message}`)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref())),
    ]);
    clearTimeout(timer);
    return {
      signal: controller.signal,
      release: () => {
        if (this.watched.get(messageId) === controller) this.watched.delete(messageId);
      },
    };
  }

  private listen(): Promise<void> {
    this.subscribed ??= (async () => {
      // A subscriber waits for Redis (offline queue) and resubscribes by itself after a reconnect.
      const sub = this.redis.duplicate({
        connectionName: `${this.redis.prefix}:reply-stops`,
        enableOfflineQueue: true,
        maxRetriesPerRequest: null,
      });
      this.subscriber = sub;
      sub.on('message', (_channel: string, messageId: string) =>
        this.watched.get(messageId)?.abort(new Error('réponse arrêtée par l’étudiant')),
      );
      await sub.subscribe(this.channel);
    })().catch((err: unknown) => {
      this.subscribed = undefined;
      const sub = this.subscriber;
      this.subscriber = undefined;
      void disconnectAndWait(sub);
      throw err;
    });
    return this.subscribed;
  }

  async onApplicationShutdown(): Promise<void> {
    await disconnectAndWait(this.subscriber);
  }
}
