import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CommonErrors } from '../../../libs/http';
import { RedisService } from '../../../libs/redis';

const LEAVE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const HOLD_MS = 30_000;

/**
 * The door of a conversation's send: one send at a time gets past it, the others answer
 * `409 REPLY_PENDING` at once, before reserving any quota (100 concurrent sends must not
 * fight over the student's tokens). Not what decides the turn — the conversation's
 * conditional update does (ConversationRepository.openTurn) — only what keeps the losers cheap.
 */
@Injectable()
export class TurnGate {
  constructor(private readonly redis: RedisService) {}

  /** A pass to give back with `leave`, or null when another send is inside. */
  async enter(conversationId: string): Promise<string | null> {
    const pass = randomUUID();
    const ok = await this.redis.client
      .set(this.redis.key('turn', conversationId), pass, 'PX', HOLD_MS, 'NX')
      .catch(() => Promise.reject(CommonErrors.queueUnavailable()));
    return ok === 'OK' ? pass : null;
  }

  async leave(conversationId: string, pass: string): Promise<void> {
    await this.redis.client.eval(LEAVE, 1, this.redis.key('turn', conversationId), pass).catch(() => undefined);
  }
}
