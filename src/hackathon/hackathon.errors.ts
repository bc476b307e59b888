import { AppError, CommonErrors } from '../../libs/http';
import { allowedTargets, HackathonStatut } from './hackathon-status';

const list = (s: readonly string[]) => (s.length ? s.map((x) => `« ${x} »`).join(', ') : 'aucune');

export type NotOpenReason = 'STATUT' | 'NOT_STARTED' | 'ENDED';

const NOT_OPEN_MESSAGES: Record<NotOpenReason, string> = {
  STATUT: 'Ce hackathon n’est pas ouvert aux participants',
  NOT_STARTED: 'Ce hackathon n’a pas encore commencé',
  ENDED: 'Ce hackathon est terminé',
};

export const HackathonErrors = {
  notFound: () => new AppError(404, 'HACKATHON_NOT_FOUND', 'Hackathon introuvable'),
  invalidTransition: (from: HackathonStatut, to: HackathonStatut) =>
    new AppError(
      409,
      'INVALID_STATUS_TRANSITION',
      `Transition de statut impossible : « ${from} » → « ${to} » (depuis « ${from} » : ${list(allowedTargets(from))})`,
      [{ from, to, allowed: [...allowedTargets(from)] }],
    ),
  /** Another transition of the same hackathon was recorded first. */
  transitionLost: (from: HackathonStatut, to: HackathonStatut) =>
    new AppError(
      409,
      'INVALID_STATUS_TRANSITION',
      `Le statut du hackathon a changé entre-temps : transition « ${from} » → « ${to} » refusée`,
      [{ from, to }],
    ),
  notOpen: (statut: HackathonStatut, reason: NotOpenReason) =>
    new AppError(409, 'HACKATHON_NOT_OPEN', `${NOT_OPEN_MESSAGES[reason]} (statut « ${statut} »)`, [
      { statut, reason },
    ]),
  notParticipant: () =>
    new AppError(403, 'NOT_PARTICIPANT', 'Ce hackathon est réservé aux étudiants de sa liste de participants'),
  notAStudent: (ids: string[]) =>
    new AppError(400, 'NOT_A_STUDENT', `Utilisateurs inconnus ou sans rôle étudiant : ${ids.join(', ')}`, [
      { field: 'studentIds', messages: ['utilisateurs inconnus ou sans rôle étudiant'], values: ids },
    ]),
  resultsNeedTermine: (statut: HackathonStatut) =>
    new AppError(
      409,
      'INVALID_STATUS',
      `Les résultats se publient une fois le hackathon « Terminé » (statut « ${statut} »)`,
      [{ statut }],
    ),
  busy: () =>
    new AppError(409, 'HACKATHON_BUSY', 'Le hackathon est en cours de modification, réessayez dans un instant'),
  lockUnavailable: () =>
    new AppError(503, 'SERVICE_UNAVAILABLE', 'Modification des hackathons momentanément indisponible, réessayez'),
  notExaminers: (ids: string[]) =>
    new AppError(400, 'NOT_AN_EXAMINER', `Utilisateurs inconnus ou sans rôle examinateur : ${ids.join(', ')}`, [
      { field: 'examinerIds', messages: ['utilisateurs inconnus ou sans rôle examinateur'], values: ids },
    ]),
  datesOrder: () =>
    CommonErrors.validation(
      [{ field: 'dates.fin', messages: ['La date de fin doit être postérieure à la date de début'] }],
      'Données invalides — dates.fin : La date de fin doit être postérieure à la date de début',
    ),
  /** docs/api.md 1.2: a task's content (consigne, systeme, verification) refused, each problem at its path. */
  invalidVerification: (problems: { field: string; messages: string[] }[]) =>
    new AppError(
      400,
      'INVALID_VERIFICATION',
      problems.length
        ? `Définition de tâche invalide — ${problems[0].field} : ${problems[0].messages[0]}` +
            (problems.length > 1 ? ` (et ${problems.length - 1} autre(s) problème(s))` : '')
        : 'Définition de tâche invalide',
      problems,
    ),
  /** docs/api.md 1.2: the hackathon restricts models (`modeles`) and this one is not among them. */
  modelNotAllowed: (modelName: string, allowed: string[]) =>
    new AppError(
      400,
      'MODEL_NOT_ALLOWED',
      `Le modèle « ${modelName} » n’est pas proposé dans ce hackathon (modèles permis : ${allowed.join(', ')})`,
      [{ field: 'modelName', messages: ['modèle non permis dans ce hackathon'], allowed }],
    ),
  unknownModels: (names: string[]) =>
    CommonErrors.validation(
      [{ field: 'modeles', messages: [`modèles inconnus (voir GET /ai/models) : ${names.join(', ')}`] }],
      `Données invalides — modeles : modèles inconnus ${names.join(', ')}`,
    ),
  invalidTasks: (messages: string[]) =>
    CommonErrors.validation([{ field: 'taches', messages }], `Données invalides — taches : ${messages.join(', ')}`),
};
