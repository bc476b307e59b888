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

export class UserPage extends PageOf(PublicUser) {}

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
