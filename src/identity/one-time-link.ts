import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The three links a mail may carry; each has its own field on the user and its own lifetime. */
export type LinkKind = 'sign-in' | 'invitation' | 'password-reset';

/** Where each kind's hash lives on the user document. */
export const LINK_FIELD = {
  'sign-in': 'magicLink',
  invitation: 'invitation',
  'password-reset': 'passwordReset',
} as const satisfies Record<LinkKind, string>;

/** Sign-in links keep their 10 minutes (invariant 3); reset links 1 hour; invitations come from config. */
export const SIGN_IN_LINK_TTL_MS = 10 * 60 * 1000;
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * A link token: the user's id (24 hex) followed by 256 random bits, URL-safe. The id lets the
 * token be checked with one read by `_id` (on FerretDB any other filter scans the collection);
 * only the hash of the whole token is stored, so the id alone opens nothing.
 */
export function newLinkToken(userId: string): { token: string; hash: string } {
  const token = `${userId}${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256Hex(token) };
}

/** The user a token names and its hash, or null for anything not shaped like a link token. */
export function readLinkToken(token: string): { userId: string; hash: string } | null {
  if (!/^[0-9a-f]{24}[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return { userId: token.slice(0, 24), hash: sha256Hex(token) };
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
