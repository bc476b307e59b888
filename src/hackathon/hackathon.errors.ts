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
  invalidTasks: (messages: string[]) =>
    CommonErrors.validation([{ field: 'taches', messages }], `Données invalides — taches : ${messages.join(', ')}`),
};
