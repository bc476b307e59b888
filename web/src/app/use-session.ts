import { useSyncExternalStore } from 'react';
import { session } from '../api/client';
import type { Session } from '../api/session';

/** The signed-in person (or null), re-rendering when they sign in, out, or refresh in any tab. */
export function useSession(): Session | null {
  return useSyncExternalStore(
    (cb) => session.subscribe(cb),
    () => session.get(),
  );
}
