import { describe, expect, it } from 'vitest';
import {
  archiveConsequences,
  endConsequences,
  endFigures,
  gradingFigures,
  openConsequences,
  publishConsequences,
} from './consequences';

const rows = (...submitted: number[]) => submitted.map((s) => ({ submitted: s }));

describe('confirming « Terminer le hackathon »', () => {
  it('counts the students without a final version, and those with only some tasks done', () => {
    expect(endFigures(rows(0, 0, 1, 2, 0), 2)).toEqual({ students: 5, none: 3, partial: 1 });
    expect(endFigures(rows(0, 1, 3), 1)).toEqual({ students: 3, none: 1, partial: 0 });
  });

  it('says it with the figures: 8 of 12 have not handed in and will be refused', () => {
    const twelve = rows(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(endConsequences(endFigures(twelve, 1), 'liste')[0]).toBe(
      '8 étudiants sur 12 n’ont soumis aucune version finale ; ils ne pourront plus rien envoyer ni soumettre.',
    );
    expect(endConsequences(endFigures(rows(0, 1), 1), 'tous')[0]).toBe(
      '1 étudiant sur les 2 qui y ont travaillé n’a soumis aucune version finale ; il ne pourra plus rien envoyer ni soumettre.',
    );
  });

  it('says when everyone handed in, and when some did part of the tasks', () => {
    const lines = endConsequences(endFigures(rows(2, 2, 1), 2), 'liste');
    expect(lines[0]).toBe('Les 3 étudiants ont tous soumis une version finale.');
    expect(lines[1]).toBe('1 autre étudiant n’a soumis que pour une partie des tâches.');
  });

  it('always says it cannot be undone, even without figures', () => {
    const lines = endConsequences(null, 'tous');
    expect(lines[0]).toMatch(/n’a pas pu être lu/);
    expect(lines.some((l) => /ne peut pas être annulé/.test(l))).toBe(true);
  });
});

describe('confirming « Archiver » and « Publier les résultats »', () => {
  const figures = gradingFigures([{ gradeCount: 2 }, { gradeCount: 0 }, { gradeCount: 0 }, { gradeCount: 1 }]);

  it('counts the submissions without a grade', () => {
    expect(figures).toEqual({ submissions: 4, ungraded: 2 });
  });

  it('warns that grading stops and that unpublished results will never be published', () => {
    const lines = archiveConsequences(figures, false);
    expect(lines).toContain(
      '2 versions finales sur 4 n’ont encore aucune note : les examinateurs ne pourront plus les noter.',
    );
    expect(lines.some((l) => /ne pourront plus l’être/.test(l))).toBe(true);
    expect(archiveConsequences({ submissions: 4, ungraded: 0 }, true)).toHaveLength(2);
  });

  it('says how many graded versions students will see, and how many are not graded yet', () => {
    expect(publishConsequences(figures)).toEqual([
      'Les étudiants verront les notes et les commentaires de 2 versions finales notées (les examinateurs apparaissent sous un pseudonyme : « Examinateur 1 »).',
      '2 versions finales sur 4 n’ont encore aucune note.',
      'La publication ne peut pas être annulée.',
    ]);
  });
});

describe('confirming « Ouvrir aux étudiants »', () => {
  const h = (acces: 'tous' | 'liste') => ({ acces, quotas: { promptsParEtudiant: 30, tokensParEtudiant: 8000 } });

  it('says who will work, when, with which quotas, and that there is no way back', () => {
    expect(openConsequences(h('liste'), 'du 2 mars au 3 mars', 12)).toEqual([
      'Les 12 étudiants de la liste pourront y travailler du 2 mars au 3 mars.',
      'Chacun dispose de 30 prompts et de 8\u202f000 tokens.',
      'Le hackathon ne pourra plus revenir en brouillon ni en test : seulement être terminé.',
    ]);
    expect(openConsequences(h('tous'), 'du 2 mars au 3 mars', null)[0]).toBe(
      'Tous les étudiants pourront y travailler du 2 mars au 3 mars.',
    );
  });

  it('warns when the roster is empty', () => {
    expect(openConsequences(h('liste'), 'x', 0)[0]).toMatch(/^La liste des participants est vide/);
  });
});
