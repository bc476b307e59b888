import { ApiProperty } from '@nestjs/swagger';
import type { StoredRole } from '../../libs/http';
import { PageOf } from '../../libs/http';

/** A user as it may leave the service: never `passwordHash`, links nor sessions. */
export class PublicUser {
  id: string;
  prenom: string;
  nom: string;
  email: string;
  @ApiProperty({ format: 'date-time' }) dateNaissance: string | null;
  numeroEtudiant: string | null;
  /** `student`, `examiner`, `admin`, or `""` (signed up, no access granted yet) */
  role: StoredRole;
  tokensAuthorized: number | null;
  tokensUsed: number;
  profilEtudiant: Record<string, unknown> | null;
  profilJury: Record<string, unknown> | null;
  consentementRGPD: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class UserResponse {
  user: PublicUser;
}

/** Où en est la dernière invitation envoyée à l’utilisateur. */
export class InvitationStatus {
  /** `en_attente` : lien envoyé, pas encore utilisé ; `acceptee` : l’utilisateur s’est connecté par un lien reçu par mail depuis ; `expiree` : le lien n’est plus valable (renvoyer l’invitation). */
  @ApiProperty({ enum: ['en_attente', 'acceptee', 'expiree'] })
  statut: 'en_attente' | 'acceptee' | 'expiree';
  /** Date d’envoi de l’invitation. */
  @ApiProperty({ format: 'date-time' }) envoyeeLe: string;
  /** Date de la première connexion par un lien reçu par mail après cet envoi (null tant qu’elle n’a pas eu lieu). */
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) accepteeLe: string | null;
  /** Fin de validité du lien (null une fois l’invitation acceptée). */
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expireLe: string | null;
}

/** Un utilisateur tel que l’administrateur le voit : avec l’état de son invitation. */
export class AdminUser extends PublicUser {
  /** La dernière invitation et son état ; null pour un compte créé avec un mot de passe (jamais invité). */
  @ApiProperty({ type: InvitationStatus, nullable: true })
  invitation: InvitationStatus | null;
}

export class AdminUserResponse {
  user: AdminUser;
}

export class AdminUserPage extends PageOf(AdminUser) {}

/** Le hackathon dans lequel l’utilisateur a été importé. */
export class InvitationHackathon {
  id: string;
  nom: string;
}

/** Qui a envoyé l’invitation. */
export class InvitationSender {
  prenom: string;
  nom: string;
}

/** Ce qu’un lien d’invitation ouvre, dit avant de l’utiliser (le lien n’est pas consommé). */
export class InvitationCheck {
  /** Le compte que le lien active. */
  email: string;
  prenom: string;
  nom: string;
  /** Le hackathon de l’import qui a créé le compte, null sinon. */
  @ApiProperty({ type: InvitationHackathon, nullable: true })
  hackathon: InvitationHackathon | null;
  /** L’administrateur (l’enseignant) qui a invité, null s’il n’est plus connu. */
  @ApiProperty({ type: InvitationSender, nullable: true })
  invitePar: InvitationSender | null;
  /** Fin de validité du lien. */
  @ApiProperty({ format: 'date-time' }) expireLe: string;
}

/** Ce qu’un lien de réinitialisation ouvre, dit avant de l’utiliser (le lien n’est pas consommé). */
export class PasswordResetCheck {
  /** Le compte dont le mot de passe sera changé. */
  email: string;
  prenom: string;
  nom: string;
  /** Fin de validité du lien. */
  @ApiProperty({ format: 'date-time' }) expireLe: string;
}

export class SessionTokens {
  accessToken: string;
  /** Works once: each refresh answers the next one (rotation). */
  refreshToken: string;
  tokenType: 'Bearer';
  /** Lifetime of the access token, in seconds. */
  expiresIn: number;
}

export class SignedIn extends SessionTokens {
  user: PublicUser;
}

export class RoleCount {
  role: StoredRole;
  count: number;
}

export class AuditEntry {
  actorId: string | null;
  action: string;
  /** What changed (`{field: {from, to}}`), when the action changes fields. */
  changes?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class AuditResponse {
  items: AuditEntry[];
}

/** Opens a Server-Sent Events stream from a browser: `?ticket=` once, within 60 s. */
export class StreamTicket {
  ticket: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
