import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/env.schema';
import { Clock } from '../../libs/clock';
import { LinkUseRepository } from './link-use.repository';
import { LinkKind, newLinkToken, PASSWORD_RESET_TTL_MS, readLinkToken, SIGN_IN_LINK_TTL_MS } from './one-time-link';
import { PublicUser, UserRepository, UserWithInvitation } from './user.repository';

/**
 * The one-time links of mails: sign-in (10 minutes), invitation (`INVITATION_TTL_HOURS`) and
 * password reset (1 hour). Only the mail worker creates a token (it never travels through
 * Redis) and only its hash is stored; a token works once, before its expiry, and only while it
 * is the user's latest link of its kind.
 */
@Injectable()
export class LinkTokens {
  constructor(
    private readonly users: UserRepository,
    private readonly uses: LinkUseRepository,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  ttlMs(kind: LinkKind): number {
    if (kind === 'sign-in') return SIGN_IN_LINK_TTL_MS;
    if (kind === 'password-reset') return PASSWORD_RESET_TTL_MS;
    return this.config.INVITATION_TTL_HOURS * 3600 * 1000;
  }

  /** A new link for an active user (replacing the previous one of its kind), or null. */
  async create(kind: LinkKind, userId: string): Promise<{ token: string; expiresAt: Date } | null> {
    const { token, hash } = newLinkToken(userId);
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs(kind));
    return (await this.users.setLink(kind, userId, hash, expiresAt)) ? { token, expiresAt } : null;
  }

  /**
   * The user a token signs in, once: the first use wins a unique insert (atomic on every
   * engine, where a conditional update is not), then the link is unset.
   */
  async consume(kind: LinkKind, token: string): Promise<PublicUser | null> {
    const parsed = readLinkToken(token);
    if (!parsed) return null;
    const now = this.clock.now();
    const user = await this.users.findByLink(kind, parsed.userId, parsed.hash, now);
    if (!user) return null;
    if (!(await this.uses.recordUse(kind, parsed.hash, user.id, now))) return null;
    await this.users.consumeLink(kind, user.id, parsed.hash);
    // Any mailed link proves the mailbox: a pending invitation counts as accepted from now on.
    await this.users.markInvitationAccepted(user.id, now);
    return user;
  }

  /**
   * What a token would open, without using it (the invitation and reset pages say whose account
   * before a password is typed): null for a token that `consume` would refuse now.
   */
  async peek(kind: LinkKind, token: string): Promise<(UserWithInvitation & { expiresAt: Date }) | null> {
    const parsed = readLinkToken(token);
    if (!parsed) return null;
    const holder = await this.users.findLinkHolder(kind, parsed.userId, parsed.hash, this.clock.now());
    if (!holder || (await this.uses.wasUsed(parsed.hash))) return null;
    return holder;
  }
}
