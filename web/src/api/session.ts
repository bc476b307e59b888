import type { Schema } from '@prompt-challenge/api-client';

export type User = Schema<'PublicUser'>;
export type Role = User['role'];

export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ms since epoch). */
  expiresAt: number;
}

/** What the API answers on sign-in, invitation, reset (SignedIn) or refresh (SessionTokens). */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn?: number;
}

const KEY = 'prompt-challenge.session';
type Listener = (session: Session | null) => void;

/** Expiry of a JWT from its `exp` claim, or `fallbackMs` from now when it cannot be read. */
export function expiryOf(accessToken: string, fallbackMs: number, now = Date.now()): number {
  try {
    const payload = JSON.parse(atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: unknown;
    };
    if (typeof payload.exp === 'number') return payload.exp * 1000;
  } catch {
    // not a JWT we can read: the fallback below
  }
  return now + fallbackMs;
}

/**
 * The signed-in person, kept in localStorage so every tab shares one session: a refresh in one
 * tab (which rotates the refresh token) is seen by the others through the `storage` event.
 */
export class SessionStore {
  private current: Session | null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: Storage = window.localStorage) {
    this.current = this.read();
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (e) => {
        if (e.key !== KEY) return;
        this.current = this.read();
        this.emit();
      });
    }
  }

  get(): Session | null {
    return this.current;
  }

  /** Re-reads the stored session (another tab may have refreshed it). */
  reload(): Session | null {
    this.current = this.read();
    return this.current;
  }

  signIn(user: User, tokens: Tokens): void {
    this.write({ user, ...this.tokensOf(tokens) });
  }

  /** New tokens for the same person (refresh). */
  rotate(tokens: Tokens): void {
    if (this.current) this.write({ user: this.current.user, ...this.tokensOf(tokens) });
  }

  updateUser(user: User): void {
    if (this.current) this.write({ ...this.current, user });
  }

  clear(): void {
    this.current = null;
    this.storage.removeItem(KEY);
    this.emit();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tokensOf(tokens: Tokens) {
    return {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: expiryOf(tokens.accessToken, (tokens.expiresIn ?? 900) * 1000),
    };
  }

  private write(session: Session): void {
    this.current = session;
    this.storage.setItem(KEY, JSON.stringify(session));
    this.emit();
  }

  private read(): Session | null {
    try {
      const raw = this.storage.getItem(KEY);
      const s = raw ? (JSON.parse(raw) as Session) : null;
      return s && typeof s.refreshToken === 'string' && s.user ? s : null;
    } catch {
      return null;
    }
  }

  private emit(): void {
    for (const l of this.listeners) l(this.current);
  }
}
