import { anEvaluation } from '../../test/support/builders/evaluation.builder';
import { toEvaluationView } from './evaluation-view';

describe('toEvaluationView', () => {
  it('gives the label of the note and only the pseudonym for an anonymous hackathon', () => {
    const record = anEvaluation().withNote(7.5).buildRecord();
    const view = toEvaluationView(record, { candidat: 'Candidat 4', anonymous: true });
    expect(view).toEqual(
      expect.objectContaining({ id: record.id, note: 7.5, label: 'Bien', candidat: 'Candidat 4', anonymous: true }),
    );
    expect(JSON.stringify(view)).not.toContain(record.studentId);
  });

  it('shows the student when the viewer may see them', () => {
    const record = anEvaluation().withNote(10).buildRecord();
    const view = toEvaluationView(record, {
      candidat: 'Candidat 1',
      anonymous: false,
      studentId: record.studentId,
      groupId: null,
      student: null,
    });
    expect(view).toEqual(expect.objectContaining({ label: 'Exceptionnel', studentId: record.studentId }));
  });
});
