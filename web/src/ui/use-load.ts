import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/errors';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** Loads again (after a change the page made). */
  reload: () => Promise<void>;
  /** Replaces the data in place (an answer already holds the new state). */
  set: (data: T) => void;
}

/** Loads what a page shows, once per change of `deps`, with its error for the page to say. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await run());
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT', (err as Error).message));
    } finally {
      setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload, set: setData };
}
