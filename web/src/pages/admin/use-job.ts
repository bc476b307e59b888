import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/errors';
import { isFinished, type JobReport } from './jobs';

export interface JobRun {
  report: JobReport | null;
  error: ApiError | null;
  running: boolean;
  /** Starts the job (`start` answers its id), then polls `poll(id)` until it is done or failed. */
  run: () => Promise<void>;
}

const asApiError = (err: unknown) =>
  err instanceof ApiError ? err : new ApiError(0, 'CLIENT', (err as Error).message);

/** A job started from a page, with its report polled every `everyMs` until it finishes. */
export function useJob(start: () => Promise<string>, poll: (id: string) => Promise<JobReport>, everyMs = 700): JobRun {
  const [report, setReport] = useState<JobReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [running, setRunning] = useState(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(async () => {
    setError(null);
    setReport(null);
    setRunning(true);
    try {
      const id = await start();
      for (;;) {
        const r = await poll(id);
        if (!alive.current) return;
        setReport(r);
        if (isFinished(r)) break;
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    } catch (err) {
      if (alive.current) setError(asApiError(err));
    } finally {
      if (alive.current) setRunning(false);
    }
  }, [start, poll, everyMs]);

  return { report, error, running, run };
}
