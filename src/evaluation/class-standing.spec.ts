import { ClassGrade, classStanding, examinerPseudonyms } from './class-standing';

let n = 0;
const grade = (studentId: string, conversationId: string, examinerId: string, note: number, at = n): ClassGrade => ({
  id: String(++n).padStart(24, '0'),
  studentId,
  conversationId,
  examinerId,
  note,
  createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, at)).toISOString(),
});

describe('classStanding', () => {
  it('ranks students by note, ties sharing a rank (1, 1, 3), with the class mean and the graded count', () => {
    const grades = [
      grade('ana', 'c-ana', 'e1', 8),
      grade('ana', 'c-ana', 'e2', 7), // 7.5
      grade('bob', 'c-bob', 'e1', 7.5),
      grade('cid', 'c-cid', 'e2', 5),
    ];
    expect(classStanding(grades, 'ana')).toEqual({ moyenne: 6.67, effectif: 3, rang: 1 });
    expect(classStanding(grades, 'bob')).toEqual({ moyenne: 6.67, effectif: 3, rang: 1 });
    expect(classStanding(grades, 'cid')).toEqual({ moyenne: 6.67, effectif: 3, rang: 3 });
  });

  it('gives a student without grades the class figures and no rank; an ungraded class has no mean', () => {
    expect(classStanding([grade('ana', 'c1', 'e1', 6)], 'zoe')).toEqual({ moyenne: 6, effectif: 1, rang: null });
    expect(classStanding([], 'zoe')).toEqual({ moyenne: null, effectif: 0, rang: null });
  });

  it('weighs each submission the same: a student’s note is the mean of their submissions’ means', () => {
    const grades = [
      grade('ana', 'task1', 'e1', 10),
      grade('ana', 'task1', 'e2', 10),
      grade('ana', 'task1', 'e3', 10),
      grade('ana', 'task2', 'e1', 6),
      grade('bob', 'b1', 'e1', 8),
    ];
    // ana: (10 + 6) / 2 = 8, tied with bob.
    expect(classStanding(grades, 'ana')).toEqual({ moyenne: 8, effectif: 2, rang: 1 });
    expect(classStanding(grades, 'bob').rang).toBe(1);
  });
});

describe('examinerPseudonyms', () => {
  it('numbers examiners by their first evaluation, whatever order the grades come in', () => {
    const grades = [
      grade('s1', 'c1', 'late', 5, 30),
      grade('s2', 'c2', 'early', 6, 10),
      grade('s3', 'c3', 'late', 7, 5),
    ];
    const names = examinerPseudonyms(grades);
    expect(names).toEqual(
      new Map([
        ['late', 'Examinateur 1'],
        ['early', 'Examinateur 2'],
      ]),
    );
    expect(examinerPseudonyms([...grades].reverse())).toEqual(names);
  });

  it('breaks a tie of dates by evaluation id, and a newcomer does not renumber the others', () => {
    const a = grade('s1', 'c1', 'a', 5, 1);
    const b = { ...grade('s2', 'c2', 'b', 5, 1), id: '0'.repeat(23) + '0' };
    expect(examinerPseudonyms([a, b]).get('b')).toBe('Examinateur 1');
    const later = grade('s3', 'c3', 'c', 5, 50);
    expect(examinerPseudonyms([a, b, later])).toEqual(
      new Map([
        ['b', 'Examinateur 1'],
        ['a', 'Examinateur 2'],
        ['c', 'Examinateur 3'],
      ]),
    );
  });
});
