import { createContext, Script } from 'node:vm';

/**
 * Runs `work` synchronously, cut off after `ms` milliseconds.
 *
 * Why `vm` and not a worker thread: a check is a regex test or a JSON Schema validation on one
 * answer, microseconds of CPU, run thousands of times per hackathon. A `vm` script's `timeout`
 * arms V8's watchdog, which interrupts whatever runs in this isolate, a backtracking regex
 * included (test: rule-evaluation.spec.ts), for ~0.3 ms per call; a worker thread would cost a
 * thread start (or a pool and a message round trip) per check. The event loop is blocked for
 * at most `ms`, which the limit keeps small.
 */
const context = createContext(Object.create(null) as object);
const script = new Script('run()');

export type TimeLimited<T> = { finished: true; value: T } | { finished: false };

export function runWithTimeLimit<T>(work: () => T, ms: number): TimeLimited<T> {
  (context as { run?: () => T }).run = work;
  try {
    return { finished: true, value: script.runInContext(context, { timeout: ms }) as T };
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { finished: false };
    throw err;
  } finally {
    delete (context as { run?: () => T }).run;
  }
}
