import type { SessionStore, Tokens } from './session';

/** Refresh this long before the access token expires, so a request never leaves with a dead one. */
const EARLY_MS = 30_000;
const LOCK = 'prompt-challenge.refresh';
/** How long the refresh lock is held after a rotation, for the other tabs to see it (refreshUnderLock). */
const STORAGE_PROPAGATION_MS = 500;

interface Locks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * fetch with the session: adds the bearer token, refreshes it silently before it expires and
 * once more on a 401, and ends the session when the refresh token is refused.
 *
 * A refresh token works once (docs/api.md, Sessions): two refreshes with the same token end the
 * session. So refreshes are serialized: one at a time in this tab (a shared promise), and across
 * tabs with the Web Locks API; inside the lock, a token another tab already rotated is used as is.
 */
export function authedFetch(
  store: SessionStore,
  options: {
    baseUrl?: string;
    baseFetch?: typeof fetch;
    locks?: Locks | null;
    onSessionEnded?: () => void;
    now?: () => number;
  } = {},
): typeof fetch {
  const baseFetch = options.baseFetch ?? ((input, init) => fetch(input, init));
  const locks: Locks | null =
    options.locks !== undefined
      ? options.locks
      : ((globalThis.navigator as { locks?: Locks } | undefined)?.locks ?? null);
  const now = options.now ?? Date.now;
  let inFlight: Promise<boolean> | null = null;

  async function refreshOnce(usedToken: string): Promise<boolean> {
    const s = store.reload();
    if (!s) return false;
    // Another tab (or call) already rotated it: nothing to do.
    if (s.accessToken !== usedToken && s.expiresAt - EARLY_MS > now()) return true;
    const res = await baseFetch(`${options.baseUrl ?? ''}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: s.refreshToken }),
    });
    if (res.status === 200) {
      store.rotate((await res.json()) as Tokens);
      return true;
    }
    if (res.status === 401) {
      store.clear();
      options.onSessionEnded?.();
    }
    return false;
  }

  function refresh(usedToken: string): Promise<boolean> {
    inFlight ??= (locks ? refreshUnderLock(locks, usedToken) : refreshOnce(usedToken)).finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  /**
   * The new tokens are ours as soon as they are stored; the lock is kept a moment longer: another
   * tab (another renderer process) sees our localStorage write with a delay, and taking the lock
   * before it arrives would spend the old refresh token again and end the session.
   */
  function refreshUnderLock(l: Locks, usedToken: string): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      void l
        .request(LOCK, async () => {
          const ok = await refreshOnce(usedToken);
          resolve(ok);
          await new Promise((r) => setTimeout(r, STORAGE_PROPAGATION_MS));
        })
        .catch(reject);
    });
  }

  return async (input, init) => {
    const request = new Request(input, init);
    if (request.headers.has('Authorization')) return baseFetch(request);
    let s = store.get();
    if (s && s.expiresAt - EARLY_MS <= now()) {
      await refresh(s.accessToken);
      s = store.get();
    }
    if (!s) return baseFetch(request);
    const retry = request.clone();
    request.headers.set('Authorization', `Bearer ${s.accessToken}`);
    const res = await baseFetch(request);
    if (res.status !== 401) return res;
    const code = await codeOf(res);
    if (code === 'SESSION_ENDED') {
      store.clear();
      options.onSessionEnded?.();
      return res;
    }
    if (!code || !ACCESS_TOKEN_REFUSALS.has(code)) return res;
    if (!(await refresh(s.accessToken))) return res;
    const fresh = store.get();
    if (!fresh) return res;
    retry.headers.set('Authorization', `Bearer ${fresh.accessToken}`);
    return baseFetch(retry);
  };
}

/** The 401s a new access token cures (not a wrong password, not a used refresh token). */
const ACCESS_TOKEN_REFUSALS = new Set(['TOKEN_EXPIRED', 'TOKEN_INVALID', 'UNAUTHORIZED']);

async function codeOf(res: Response): Promise<string | null> {
  try {
    const body = (await res.clone().json()) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : null;
  } catch {
    return null;
  }
}
