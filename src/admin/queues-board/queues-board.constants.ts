/** The board's route inside the app (the global prefix `api/v1` is added by Nest). */
export const QUEUES_BOARD_ROUTE = '/admin/queues';
/** The global prefix as the browser sees it (bootstrap.ts `API_PREFIX`), for the cookie path. */
export const API_PREFIX_FOR_BOARD = '/api/v1';
