import { createApiClient, type ApiClient } from '@prompt-challenge/api-client';
import { authedFetch } from './authed-fetch';
import { outageRetryingFetch } from './outage';
import { SessionStore } from './session';

/** The one session of the page, shared by every tab (localStorage). */
export const session = new SessionStore();

/**
 * The typed client (clients/typescript) on the page's own origin: the API serves this app,
 * so no CORS and no base URL. Each request goes with the session (authed-fetch.ts), and a read or
 * a keyed send is tried again after a `503` with `Retry-After` (outage.ts).
 */
export const api: ApiClient = createApiClient({
  baseUrl: '',
  fetch: outageRetryingFetch(
    authedFetch(session, {
      onSessionEnded: () => window.dispatchEvent(new Event('prompt-challenge:session-ended')),
    }),
  ),
});
