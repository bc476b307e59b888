import { AppError } from '../../libs/http';

export const IdentityErrors = {
  emailTaken: () => new AppError(409, 'EMAIL_TAKEN', 'email déjà utilisé'),
  invalidCredentials: () => new AppError(401, 'INVALID_CREDENTIALS', 'Email ou mot de passe incorrect'),
  magicLinkInvalid: () => new AppError(401, 'MAGIC_LINK_INVALID', 'Lien de connexion invalide, expiré ou déjà utilisé'),
  invitationInvalid: () => new AppError(401, 'INVITATION_INVALID', 'Invitation invalide, expirée ou déjà utilisée'),
  passwordResetInvalid: () =>
    new AppError(401, 'PASSWORD_RESET_INVALID', 'Lien de réinitialisation invalide, expiré ou déjà utilisé'),
  refreshTokenInvalid: () =>
    new AppError(401, 'REFRESH_TOKEN_INVALID', 'Session expirée ou terminée, reconnectez-vous'),
  streamTicketInvalid: () =>
    new AppError(401, 'STREAM_TICKET_INVALID', 'Ticket de flux invalide, expiré ou déjà utilisé'),
  currentPasswordRequired: () =>
    new AppError(400, 'VALIDATION_FAILED', 'Le mot de passe actuel est requis', [
      { field: 'currentPassword', messages: ['requis'] },
    ]),
  registrationDisabled: () => new AppError(403, 'REGISTRATION_DISABLED', 'Les inscriptions sont fermées'),
  userNotFound: () => new AppError(404, 'USER_NOT_FOUND', 'Utilisateur introuvable'),
  /** An admin acting on their own account: another admin must do it (no class left without one by mistake). */
  selfChangeRefused: (what: 'role' | 'delete' | 'erase') =>
    new AppError(
      409,
      'SELF_CHANGE_REFUSED',
      {
        role: 'Vous ne pouvez pas changer votre propre rôle : demandez-le à un autre administrateur',
        delete: 'Vous ne pouvez pas supprimer votre propre compte : demandez-le à un autre administrateur',
        erase: 'Vous ne pouvez pas effacer votre propre compte : demandez-le à un autre administrateur',
      }[what],
    ),
  tokenMissing: () => new AppError(401, 'UNAUTHORIZED', 'Authentification requise'),
  tokenExpired: () => new AppError(401, 'TOKEN_EXPIRED', 'Session expirée, reconnectez-vous'),
  tokenInvalid: () => new AppError(401, 'TOKEN_INVALID', 'Jeton d’accès invalide'),
  sessionEnded: () => new AppError(401, 'SESSION_ENDED', 'Session terminée, reconnectez-vous'),
  noRoleYet: () => new AppError(403, 'ROLE_PENDING', 'Compte en attente d’attribution d’un rôle'),
  forbidden: () => new AppError(403, 'FORBIDDEN', 'Accès refusé pour votre rôle'),
  invalidRole: (value: string) =>
    new AppError(400, 'VALIDATION_FAILED', `Rôle inconnu : ${value}`, [{ field: 'role', messages: ['rôle inconnu'] }]),
};
