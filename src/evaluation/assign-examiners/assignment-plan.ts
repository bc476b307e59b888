/**
 * Who grades what: a pure function, so it is deterministic and testable without a database.
 *
 * - Each submission gets `k` distinct examiners; what it already has counts (a rerun only adds
 *   what is missing, never moves or removes an assignment).
 * - Each missing slot goes to the least loaded examiner not already on that submission; ties go
 *   to the smaller examiner id. Starting from equal loads (a first run, or a rerun that only
 *   finds new submissions) this keeps every examiner's load within ±1 of the others.
 * - The same input gives the same plan, whatever the order of `examinerIds`. Submissions are
 *   taken in the order given (the caller gives earliest submission first).
 */
export interface PlanInput {
  submissionIds: readonly string[];
  examinerIds: readonly string[];
  /** Distinct examiners per submission. */
  k: number;
  /** Assignments already stored for this hackathon. */
  existing: readonly PlannedAssignment[];
}

export interface PlannedAssignment {
  conversationId: string;
  examinerId: string;
}

export function planAssignments({ submissionIds, examinerIds, k, existing }: PlanInput): PlannedAssignment[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer (got ${k})`);
  const examiners = [...new Set(examinerIds)].sort();
  const load = new Map<string, number>(examiners.map((e) => [e, 0]));
  const loadOf = (e: string) => load.get(e) ?? 0;
  const onSubmission = new Map<string, Set<string>>();
  for (const a of existing) {
    if (load.has(a.examinerId)) load.set(a.examinerId, loadOf(a.examinerId) + 1);
    let set = onSubmission.get(a.conversationId);
    if (!set) onSubmission.set(a.conversationId, (set = new Set()));
    set.add(a.examinerId);
  }

  const plan: PlannedAssignment[] = [];
  for (const conversationId of new Set(submissionIds)) {
    const already = onSubmission.get(conversationId) ?? new Set<string>();
    const missing = k - already.size;
    if (missing <= 0) continue;
    const chosen = examiners
      .filter((e) => !already.has(e))
      .sort((a, b) => loadOf(a) - loadOf(b) || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, missing);
    for (const examinerId of chosen) {
      load.set(examinerId, loadOf(examinerId) + 1);
      plan.push({ conversationId, examinerId });
    }
  }
  return plan;
}
