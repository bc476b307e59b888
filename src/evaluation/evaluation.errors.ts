import { AppError, CommonErrors } from '../../libs/http';

export const EvaluationErrors = {
  conversationNotFound: () => new AppError(404, 'CONVERSATION_NOT_FOUND', 'Conversation introuvable'),
  submissionNotFound: () =>
    new AppError(404, 'SUBMISSION_NOT_FOUND', 'Soumission introuvable : cette conversation n’a pas de version finale'),
  notSubmitted: () =>
    new AppError(
      409,
      'NOT_SUBMITTED',
      'Cette conversation n’a pas encore de version finale : elle ne peut pas être évaluée',
    ),
  alreadyEvaluated: () =>
    new AppError(409, 'ALREADY_EVALUATED', 'Vous avez déjà évalué cette conversation (modifiez votre évaluation)'),
  notAssigned: () => new AppError(403, 'NOT_ASSIGNED', 'Cette soumission ne vous est pas attribuée'),
  evaluationNotFound: () => new AppError(404, 'EVALUATION_NOT_FOUND', 'Évaluation introuvable'),
  notYourEvaluation: () =>
    new AppError(403, 'NOT_YOUR_EVALUATION', 'Seul l’examinateur qui a écrit cette évaluation peut la modifier'),
  gradingClosed: () =>
    new AppError(409, 'GRADING_CLOSED', 'Ce hackathon est archivé : les évaluations ne peuvent plus changer'),
  notEnoughExaminers: (asked: number, attached: number) =>
    new AppError(
      400,
      'NOT_ENOUGH_EXAMINERS',
      `Examinateurs par soumission (${asked}) supérieur au nombre d’examinateurs rattachés (${attached})`,
      [{ field: 'examinersPerSubmission', asked, attached }],
    ),
  notExaminers: (ids: string[]) =>
    CommonErrors.validation(
      [{ field: 'examinerIds', messages: ['utilisateurs inconnus ou sans rôle examinateur'], values: ids }],
      `Données invalides — examinerIds : utilisateurs inconnus ou sans rôle examinateur (${ids.join(', ')})`,
    ),
  nothingToChange: () =>
    CommonErrors.validation(
      [{ field: 'note', messages: ['note ou comment attendu'] }],
      'Données invalides — rien à modifier : note ou comment attendu',
    ),
  resultsNotPublished: () =>
    new AppError(409, 'RESULTS_NOT_PUBLISHED', 'Les résultats de ce hackathon ne sont pas encore publiés'),
  jobNotFound: () => new AppError(404, 'JOB_NOT_FOUND', 'Tâche d’attribution introuvable'),
};
