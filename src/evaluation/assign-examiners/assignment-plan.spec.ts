import { planAssignments, PlannedAssignment } from './assignment-plan';

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

function loadsOf(plan: readonly PlannedAssignment[], examiners: string[]): number[] {
  return examiners.map((e) => plan.filter((a) => a.examinerId === e).length);
}

function perSubmission(plan: readonly PlannedAssignment[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const a of plan) m.set(a.conversationId, [...(m.get(a.conversationId) ?? []), a.examinerId]);
  return m;
}

describe('planAssignments', () => {
  it('gives each submission k distinct examiners and keeps loads within ±1 (every size up to 25 × 7)', () => {
    for (let s = 0; s <= 25; s++) {
      for (let e = 1; e <= 7; e++) {
        for (let k = 1; k <= e; k++) {
          const submissions = ids('s', s);
          const examiners = ids('e', e);
          const plan = planAssignments({ submissionIds: submissions, examinerIds: examiners, k, existing: [] });
          expect(plan).toHaveLength(s * k);
          for (const sub of submissions) {
            const who = perSubmission(plan).get(sub) ?? [];
            expect(who).toHaveLength(k);
            expect(new Set(who).size).toBe(k);
          }
          const loads = loadsOf(plan, examiners);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('spreads 5 submissions over 3 examiners, 2 each, exactly as computed by hand', () => {
    const plan = planAssignments({
      submissionIds: ['s1', 's2', 's3', 's4', 's5'],
      examinerIds: ['c', 'a', 'b'],
      k: 2,
      existing: [],
    });
    expect(plan).toEqual([
      { conversationId: 's1', examinerId: 'a' },
      { conversationId: 's1', examinerId: 'b' },
      { conversationId: 's2', examinerId: 'c' },
      { conversationId: 's2', examinerId: 'a' },
      { conversationId: 's3', examinerId: 'b' },
      { conversationId: 's3', examinerId: 'c' },
      { conversationId: 's4', examinerId: 'a' },
      { conversationId: 's4', examinerId: 'b' },
      { conversationId: 's5', examinerId: 'c' },
      { conversationId: 's5', examinerId: 'a' },
    ]);
  });

  it('is deterministic: same input, same plan, whatever the order of the examiners', () => {
    const submissionIds = ids('s', 13);
    const examiners = ids('e', 5);
    const a = planAssignments({ submissionIds, examinerIds: examiners, k: 3, existing: [] });
    const b = planAssignments({ submissionIds, examinerIds: [...examiners].reverse(), k: 3, existing: [] });
    expect(b).toEqual(a);
    expect(planAssignments({ submissionIds, examinerIds: examiners, k: 3, existing: [] })).toEqual(a);
  });

  it('is idempotent: a second run over the stored result adds nothing', () => {
    const input = { submissionIds: ids('s', 11), examinerIds: ids('e', 4), k: 2 };
    const first = planAssignments({ ...input, existing: [] });
    expect(planAssignments({ ...input, existing: first })).toEqual([]);
  });

  it('a rerun after new submissions only covers them, and loads stay within ±1', () => {
    const examinerIds = ids('e', 4);
    const first = planAssignments({ submissionIds: ids('s', 7), examinerIds, k: 3, existing: [] });
    const more = planAssignments({ submissionIds: ids('s', 12), examinerIds, k: 3, existing: first });
    expect(new Set(more.map((a) => a.conversationId))).toEqual(new Set(ids('s', 12).slice(7)));
    expect(more).toHaveLength(5 * 3);
    const loads = loadsOf([...first, ...more], examinerIds);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('raising k only adds the missing examiners, never one already on the submission', () => {
    const examinerIds = ids('e', 4);
    const first = planAssignments({ submissionIds: ids('s', 6), examinerIds, k: 1, existing: [] });
    const more = planAssignments({ submissionIds: ids('s', 6), examinerIds, k: 2, existing: first });
    expect(more).toHaveLength(6);
    const all = perSubmission([...first, ...more]);
    for (const who of all.values()) expect(new Set(who).size).toBe(2);
  });

  it('counts existing assignments of an examiner towards their load', () => {
    const existing = [
      { conversationId: 'old1', examinerId: 'a' },
      { conversationId: 'old2', examinerId: 'a' },
    ];
    const plan = planAssignments({ submissionIds: ['s1', 's2'], examinerIds: ['a', 'b'], k: 1, existing });
    expect(plan).toEqual([
      { conversationId: 's1', examinerId: 'b' },
      { conversationId: 's2', examinerId: 'b' },
    ]);
  });

  it('refuses a k that is not a positive integer', () => {
    expect(() => planAssignments({ submissionIds: [], examinerIds: ['a'], k: 0, existing: [] })).toThrow(RangeError);
  });
});
