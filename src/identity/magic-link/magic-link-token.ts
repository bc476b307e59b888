import { createHash, randomBytes } from 'node:crypto';

export const MAGIC_LINK_TTL_MS = 10 * 60 * 1000;

/** 256 random bits, URL-safe. Only its hash is ever stored. */
export function newMagicLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashMagicLinkToken(token) };
}

export function hashMagicLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
