import { AppError } from '../../libs/http';

export const ConversationErrors = {
  /** docs/api.md 1.2: a try needs public cases to run on. */
  noPublicCases: () =>
    new AppError(409, 'NO_PUBLIC_CASES', 'Cette tâche n’a pas de cas publics sur lesquels essayer un prompt'),
  essaiNotFound: () => new AppError(404, 'ESSAI_NOT_FOUND', 'Essai introuvable'),
  notFound: () => new AppError(404, 'CONVERSATION_NOT_FOUND', 'Conversation introuvable'),
  replyPending: () =>
    new AppError(
      409,
      'REPLY_PENDING',
      'La réponse à votre message précédent est en cours : attendez-la avant d’envoyer le suivant',
    ),
  alreadySubmitted: () =>
    new AppError(409, 'ALREADY_SUBMITTED', 'La version finale de cette conversation est déjà soumise'),
  taskAlreadySubmitted: () =>
    new AppError(
      409,
      'TASK_ALREADY_SUBMITTED',
      'Vous avez déjà soumis une version finale pour cette tâche (dans une autre conversation) : une seule par tâche',
    ),
  nothingPending: () =>
    new AppError(409, 'NOTHING_PENDING', 'Aucune réponse n’est en cours d’écriture dans cette conversation'),
  finalAnswerUnknown: () =>
    new AppError(
      400,
      'FINAL_ANSWER_UNKNOWN',
      'La réponse finale doit être l’une des réponses de l’assistant dans cette conversation',
    ),
  unknownModel: (name: string) =>
    new AppError(400, 'VALIDATION_FAILED', `Modèle inconnu : ${name}`, [
      { field: 'modelName', messages: ['modèle inconnu (voir GET /ai/models)'] },
    ]),
  unknownTask: (tacheId: string) =>
    new AppError(400, 'VALIDATION_FAILED', `Tâche inconnue dans ce hackathon : ${tacheId}`, [
      { field: 'tacheId', messages: ['tâche inconnue'] },
    ]),
  notOnJury: () =>
    new AppError(403, 'NOT_ON_JURY', 'Seuls les examinateurs du jury de ce hackathon voient ses conversations'),
  forbiddenHackathon: () =>
    new AppError(403, 'FORBIDDEN', 'Seuls les étudiants participent ; un admin peut essayer un hackathon en Test'),
};
