import { anEvaluation } from '../../../test/support/builders/evaluation.builder';
import { GradeUseCase } from './grade.usecase';

const CONV = 'c'.repeat(24);
const EXAMINER = { id: 'e'.repeat(24), email: 'e@test.example', role: 'examiner' as const };
const NOW = new Date('2025-03-10T12:00:00.000Z');

/** Fakes with the repositories' contracts: create answers null on a duplicate (unique index). */
function setup(opts: { submitted?: boolean; exists?: boolean; assigned?: boolean; statut?: string } = {}) {
  const { submitted = true, exists = true, assigned = true, statut = 'En cours' } = opts;
  const stored: any[] = [];
  const done: string[] = [];
  const submissions = {
    getSubmission: async () =>
      exists
        ? {
            id: CONV,
            hackathonId: 'a'.repeat(24),
            tacheId: 't1',
            studentId: 's'.repeat(24),
            groupId: null,
            versionFinale: submitted ? { soumisLe: NOW.toISOString() } : null,
          }
        : null,
  };
  const assignments = {
    find: async () => (assigned ? { id: 'a'.repeat(24) } : null),
    markDone: async (assignmentId: string) => void done.push(assignmentId),
  };
  const evaluations = {
    create: async (data: any) => {
      if (stored.some((e) => e.examinerId === data.examinerId && e.conversationId === data.conversationId)) return null;
      const record = anEvaluation(data.conversationId)
        .withNote(data.note)
        .buildRecord({ ...data, gradedAt: NOW.toISOString() });
      stored.push(record);
      return record;
    },
  };
  const candidates = {
    hackathonsById: async (ids: string[]) => new Map(ids.map((id) => [id, { statut, anonymatActif: true }])),
    viewsOf: async () => [{ candidat: 'Candidat 1', anonymous: true }],
  };
  const clock = { now: () => NOW };
  const useCase = new GradeUseCase(
    submissions as any,
    assignments as any,
    evaluations as any,
    candidates as any,
    clock as any,
    { emit: () => undefined } as any,
  );
  return { useCase, stored, done };
}

const body = () => ({ ...anEvaluation(CONV).withNote(8).build() }) as any;

describe('GradeUseCase', () => {
  it('stores the evaluation, marks the assignment done and answers the label and the pseudonym', async () => {
    const { useCase, stored, done } = setup();
    const view = await useCase.execute(body(), EXAMINER);
    expect(view).toEqual(
      expect.objectContaining({
        note: 8,
        label: 'Très bien',
        candidat: 'Candidat 1',
        anonymous: true,
        gradedAt: NOW.toISOString(),
      }),
    );
    expect((view as any).studentId).toBeUndefined();
    expect(stored).toHaveLength(1);
    expect(done).toEqual(['a'.repeat(24)]);
  });

  it.each([
    ['an unassigned examiner', { assigned: false }, 'NOT_ASSIGNED'],
    [
      'an unassigned examiner, unsubmitted conversation (assignment checked first)',
      { assigned: false, submitted: false },
      'NOT_ASSIGNED',
    ],
    [
      'an unassigned examiner, unknown conversation (assignment checked first)',
      { assigned: false, exists: false },
      'NOT_ASSIGNED',
    ],
    ['an unknown conversation', { exists: false }, 'CONVERSATION_NOT_FOUND'],
    ['no final version', { submitted: false }, 'NOT_SUBMITTED'],
    ['an archived hackathon', { statut: 'Archivé' }, 'GRADING_CLOSED'],
  ])('refuses %s', async (_label, opts, code) => {
    const { useCase, stored } = setup(opts);
    await expect(useCase.execute(body(), EXAMINER)).rejects.toMatchObject({ code });
    expect(stored).toHaveLength(0);
  });

  it('answers 409 ALREADY_EVALUATED when the unique insert loses', async () => {
    const { useCase, stored } = setup();
    await useCase.execute(body(), EXAMINER);
    await expect(useCase.execute(body(), EXAMINER)).rejects.toMatchObject({ status: 409, code: 'ALREADY_EVALUATED' });
    expect(stored).toHaveLength(1);
  });
});
