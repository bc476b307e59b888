import { plural } from '../../ui/format';
import type { DashboardRow } from './dashboard';

/**
 * What each irreversible action does, in sentences with the class's figures, for its
 * confirmation dialog (ConfirmDialog in web/src/ui/ConfirmDialog.tsx).
 */

/** Who has not handed in, from the dashboard's rows (`submitted`: final versions of that student). */
export interface EndFigures {
  students: number;
  /** Students with no final version at all. */
  none: number;
  /** Students with final versions for some of the tasks only. */
  partial: number;
}

export function endFigures(rows: readonly Pick<DashboardRow, 'submitted'>[], taskCount: number): EndFigures {
  return {
    students: rows.length,
    none: rows.filter((r) => r.submitted === 0).length,
    partial: taskCount > 1 ? rows.filter((r) => r.submitted > 0 && r.submitted < taskCount).length : 0,
  };
}

const they = (n: number, one: string, many: string) => (n >= 2 ? many : one);

/** "Terminer le hackathon": who loses what, then what stays possible. `figures` null: the dashboard could not be read. */
export function endConsequences(figures: EndFigures | null, acces: 'tous' | 'liste'): string[] {
  const lines: string[] = [];
  if (!figures)
    lines.push('Le nombre de versions finales n’a pas pu être lu : vérifiez le tableau de bord avant de terminer.');
  else if (figures.students === 0)
    lines.push(
      acces === 'liste'
        ? 'La liste des participants est vide : personne n’a travaillé dans ce hackathon.'
        : 'Aucun étudiant n’a encore travaillé dans ce hackathon.',
    );
  else {
    const of = acces === 'liste' ? `sur ${figures.students}` : `sur les ${figures.students} qui y ont travaillé`;
    if (figures.none > 0)
      lines.push(
        `${plural(figures.none, 'étudiant', 'étudiants')} ${of} ${they(figures.none, 'n’a', 'n’ont')} soumis aucune version finale ; ${they(figures.none, 'il ne pourra', 'ils ne pourront')} plus rien envoyer ni soumettre.`,
      );
    else
      lines.push(
        figures.students === 1
          ? 'L’étudiant a soumis sa version finale.'
          : `Les ${figures.students} étudiants ont tous soumis une version finale.`,
      );
    if (figures.partial > 0)
      lines.push(
        `${plural(figures.partial, 'autre étudiant n’a', 'autres étudiants n’ont')} soumis que pour une partie des tâches.`,
      );
  }
  lines.push(
    'Plus personne ne pourra ouvrir de conversation, envoyer de prompt ni soumettre : cela ne peut pas être annulé.',
  );
  lines.push('Les examinateurs pourront ensuite noter les copies que vous leur attribuerez.');
  return lines;
}

/** Submissions and how many have no grade yet, from the leaderboard's rows. */
export interface GradingFigures {
  submissions: number;
  ungraded: number;
}

export function gradingFigures(items: readonly { gradeCount: number }[]): GradingFigures {
  return { submissions: items.length, ungraded: items.filter((i) => i.gradeCount === 0).length };
}

/** "Archiver": grading stops, and unpublished results can never be published (publication needs `Terminé`). */
export function archiveConsequences(figures: GradingFigures | null, resultatsPublies: boolean): string[] {
  const lines = ['Le hackathon ne pourra plus changer de statut : l’archivage est définitif.'];
  if (figures && figures.ungraded > 0)
    lines.push(
      `${plural(figures.ungraded, 'version finale', 'versions finales')} sur ${figures.submissions} ${they(figures.ungraded, 'n’a', 'n’ont')} encore aucune note : les examinateurs ne pourront plus ${they(figures.ungraded, 'la', 'les')} noter.`,
    );
  if (!resultatsPublies)
    lines.push(
      'Les résultats ne sont pas publiés : une fois le hackathon archivé, ils ne pourront plus l’être et les étudiants ne verront jamais leurs notes.',
    );
  lines.push('Les conversations resteront consultables, en lecture seule.');
  return lines;
}

/** "Publier les résultats": what students will see, and what is not graded yet. */
export function publishConsequences(figures: GradingFigures | null): string[] {
  const lines: string[] = [];
  if (figures) {
    const graded = figures.submissions - figures.ungraded;
    lines.push(
      graded > 0
        ? `Les étudiants verront les notes et les commentaires de ${plural(graded, 'version finale notée', 'versions finales notées')} (les examinateurs apparaissent sous un pseudonyme : « Examinateur 1 »).`
        : 'Aucune version finale n’est encore notée : les étudiants ne verront aucune note.',
    );
    if (figures.ungraded > 0)
      lines.push(
        `${plural(figures.ungraded, 'version finale', 'versions finales')} sur ${figures.submissions} ${they(figures.ungraded, 'n’a', 'n’ont')} encore aucune note.`,
      );
  } else lines.push('Les étudiants verront les notes et les commentaires de leurs versions finales.');
  lines.push('La publication ne peut pas être annulée.');
  return lines;
}

/** "Ouvrir aux étudiants": who can work, when, against which quotas; and that there is no way back to draft. */
export function openConsequences(
  h: { acces: 'tous' | 'liste'; quotas: { promptsParEtudiant: number; tokensParEtudiant: number } },
  when: string,
  rosterSize: number | null,
): string[] {
  const lines: string[] = [];
  if (h.acces === 'tous') lines.push(`Tous les étudiants pourront y travailler ${when}.`);
  else if (rosterSize === 0)
    lines.push(
      'La liste des participants est vide : aucun étudiant ne pourra y travailler tant que vous ne l’aurez pas remplie.',
    );
  else if (rosterSize === null) lines.push(`Les étudiants de la liste des participants pourront y travailler ${when}.`);
  else
    lines.push(
      `${rosterSize >= 2 ? `Les ${plural(rosterSize, 'étudiant', 'étudiants')}` : 'L’étudiant'} de la liste ${rosterSize >= 2 ? 'pourront' : 'pourra'} y travailler ${when}.`,
    );
  lines.push(
    `Chacun dispose de ${plural(h.quotas.promptsParEtudiant, 'prompt', 'prompts')} et de ${plural(h.quotas.tokensParEtudiant, 'token', 'tokens')}.`,
  );
  lines.push('Le hackathon ne pourra plus revenir en brouillon ni en test : seulement être terminé.');
  return lines;
}
