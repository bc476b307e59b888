import { AppError } from '../../libs/http';

/** Errors of the admin context. */
export const AdminErrors = {
  unknownJob: (name: string) =>
    new AppError(404, 'ADMIN_JOB_UNKNOWN', `Tâche d'administration inconnue : ${name}`, [{ name }]),
  jobNotFound: () => new AppError(404, 'ADMIN_JOB_NOT_FOUND', "Tâche d'administration introuvable"),
  exportNotFound: () => new AppError(404, 'ADMIN_EXPORT_NOT_FOUND', 'Export introuvable'),
  userNotFound: () => new AppError(404, 'USER_NOT_FOUND', 'Utilisateur introuvable'),
};
