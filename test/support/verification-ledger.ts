/** A step of `verification_ledger` as the tests read it back (src/verification/budget). */
export interface LedgerStepRow {
  runKey: string;
  kind: string;
}

/**
 * Checks that each run was charged once, from the budget ledger's steps of a submission: every
 * attempt reserved once, then settled, or (a transient failure, retried) released — or both when
 * two runners shared the attempt (one's call failed and gave it back, the other's was recorded
 * and charged). Returns the `case:repetition` of each settled attempt, for the caller to count.
 */
export function expectEachAttemptFinishedOnce(steps: LedgerStepRow[]): string[] {
  const byAttempt = new Map<string, string[]>();
  for (const s of steps) byAttempt.set(s.runKey, [...(byAttempt.get(s.runKey) ?? []), s.kind].sort());
  for (const kinds of byAttempt.values())
    expect([
      ['reserve', 'settle'],
      ['release', 'reserve'],
      ['release', 'reserve', 'settle'],
    ]).toContainEqual(kinds);
  return steps.filter((s) => s.kind === 'settle').map((s) => runCellOf(s.runKey));
}

/** `case:repetition` of a run key (`<conversation>:<attempt>:<case>:<repetition>…`). */
export const runCellOf = (runKey: string) => runKey.split(':').slice(2, 4).join(':');
