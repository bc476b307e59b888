import { AppError } from '../../libs/http';

export const IdentityErrors = {
  emailTaken: () => new AppError(409, 'EMAIL_TAKEN', 'email déjà utilisé'),
  invalidCredentials: () => new AppError(401, 'INVALID_CREDENTIALS', 'Email ou mot de passe incorrect'),
  magicLinkInvalid: () => new AppError(401, 'MAGIC_LINK_INVALID', 'Lien de connexion invalide, expiré ou déjà utilisé'),
  registrationDisabled: () => new AppError(403, 'REGISTRATION_DISABLED', 'Les inscriptions sont fermées'),
  userNotFound: () => new AppError(404, 'USER_NOT_FOUND', 'Utilisateur introuvable'),
  tokenMissing: () => new AppError(401, 'UNAUTHORIZED', 'Authentification requise'),
  tokenExpired: () => new AppError(401, 'TOKEN_EXPIRED', 'Session expirée, reconnectez-vous'),
  tokenInvalid: () => new AppError(401, 'TOKEN_INVALID', 'Jeton d’accès invalide'),
  noRoleYet: () => new AppError(403, 'ROLE_PENDING', 'Compte en attente d’attribution d’un rôle'),
  forbidden: () => new AppError(403, 'FORBIDDEN', 'Accès refusé pour votre rôle'),
  invalidRole: (value: string) =>
    new AppError(400, 'VALIDATION_FAILED', `Rôle inconnu : ${value}`, [{ field: 'role', messages: ['rôle inconnu'] }]),
};
