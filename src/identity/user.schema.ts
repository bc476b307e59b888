import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

@Schema({ _id: false })
export class ProfilEtudiant {
  @Prop({ type: String, trim: true, default: '' }) niveauFormation: string;
  @Prop({ type: String, trim: true, default: '' }) typeEtude: string;
  @Prop({ type: String, trim: true, default: null }) groupId?: string | null;
}

@Schema({ _id: false })
export class Expertise {
  @Prop({ type: String, required: true, trim: true }) domaine: string;
  @Prop({ type: Number, required: true, min: 1, max: 10 }) niveauAutoEvaluation: number;
}

@Schema({ _id: false })
export class ProfilJury {
  @Prop({ type: String, trim: true, default: '' }) niveauDiplome: string;
  @Prop({ type: String, trim: true, default: '' }) posteOccupe: string;
  @Prop({ type: String, trim: true, default: '' }) secteurActivite: string;
  @Prop({ type: Number, min: 0 }) anneesExperience?: number;
  @Prop({ type: Number, min: 0 }) nombreETPEmployeur?: number;
  @Prop({ type: [SchemaFactory.createForClass(Expertise)], default: [] }) expertises: Expertise[];
}

/**
 * A one-time link of a mail (sign-in, invitation, password reset): only the hash of its token
 * is stored (invariants 3 and 9). A new link of the same kind replaces the previous one.
 */
@Schema({ _id: false })
export class MagicLink {
  @Prop({ type: String, required: true }) tokenHash: string;
  @Prop({ type: Date, required: true }) expiresAt: Date;
}

/**
 * The invitation a user was last sent (by an admin, or by an import into a hackathon) and
 * when it was accepted: what the users list shows (`invitation`) and what the invitation mail
 * and page name. No secret here: the link itself is `invitation` (MagicLink).
 */
@Schema({ _id: false })
export class InvitationSent {
  @Prop({ type: Date, required: true }) envoyeeLe: Date;
  /** The admin who invited (or re-sent); null for a command-line run. */
  @Prop({ type: Types.ObjectId, default: null }) parId: Types.ObjectId | null;
  /** The hackathon the user was imported into, its name as it was then (the mail and page name it). */
  @Prop({ type: String, default: null }) hackathonId: string | null;
  @Prop({ type: String, default: null }) hackathonNom: string | null;
  /** First sign-in through a mailed link after this invitation (its own link, a sign-in or reset link). */
  @Prop({ type: Date, default: null }) accepteeLe: Date | null;
}

/**
 * One open session (a sign-in on one device). The access token names it (`sid` claim) and the
 * auth guard finds it here, on the user document it reads anyway: ending a session is removing
 * it from this list, and its access tokens stop working on their next request.
 */
@Schema({ _id: false })
export class OpenSession {
  @Prop({ type: String, required: true }) id: string;
  @Prop({ type: Date, required: true }) createdAt: Date;
}

/**
 * docs/data-model.md §3.1–3.5. Secrets (`passwordHash`, `magicLink`, `invitation`, `passwordReset`) stay selectable — `select: false`
 * breaks findOneAndUpdate on FerretDB — and are dropped by the repository's mapping instead.
 */
@Schema({ collection: 'users', timestamps: true })
export class User {
  @Prop({ type: String, required: [true, 'Prénom requis'], trim: true }) prenom: string;
  @Prop({ type: String, required: [true, 'Nom requis'], trim: true }) nom: string;
  @Prop({ type: Date }) dateNaissance?: Date;
  @Prop({
    type: String,
    required: [true, 'Email requis'],
    lowercase: true,
    trim: true,
    validate: { validator: (v: string) => EMAIL_PATTERN.test(v), message: 'Format email invalide' },
  })
  email: string;
  @Prop({ type: String, trim: true }) numeroEtudiant?: string;
  /** Absent for users who sign in by magic link only. */
  @Prop({ type: String }) passwordHash?: string;
  @Prop({ type: String, enum: ['student', 'examiner', 'admin', ''], default: 'student' }) role: string;
  @Prop({ type: Number, min: 0 }) tokensAuthorized?: number;
  @Prop({ type: Number, min: 0, default: 0 }) tokensUsed: number;
  @Prop({ type: SchemaFactory.createForClass(MagicLink) }) magicLink?: MagicLink;
  @Prop({ type: SchemaFactory.createForClass(MagicLink) }) invitation?: MagicLink;
  @Prop({ type: SchemaFactory.createForClass(MagicLink) }) passwordReset?: MagicLink;
  @Prop({ type: SchemaFactory.createForClass(InvitationSent) }) invitationEnvoyee?: InvitationSent;
  @Prop({ type: [SchemaFactory.createForClass(OpenSession)], default: [] }) sessions: OpenSession[];
  @Prop({ type: SchemaFactory.createForClass(ProfilEtudiant) }) profilEtudiant?: ProfilEtudiant;
  @Prop({ type: SchemaFactory.createForClass(ProfilJury) }) profilJury?: ProfilJury;
  @Prop({ type: Boolean, default: false }) consentementRGPD: boolean;
  @Prop({ type: Date, default: null }) deletedAt?: Date | null;
  @Prop({ type: Types.ObjectId, default: null }) deletedBy?: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

export type UserDocument = HydratedDocument<User>;
export const UserSchema = SchemaFactory.createForClass(User);
// docs/data-model.md §3.6 / 9.1.
UserSchema.index({ email: 1 }, { unique: true });
UserSchema.index({ role: 1 });
UserSchema.index({ createdAt: 1 });
UserSchema.index({ role: 1, createdAt: -1 });
// docs/data-model.md §9.1 puts a TTL on magicLink.expiresAt, which would delete the *user* when a link
// expires; a plain index serves the cleanup job instead.
UserSchema.index({ 'magicLink.expiresAt': 1 });

/**
 * One row per consumed one-time link token (sign-in, invitation, reset): the unique insert
 * makes "works once" atomic on every engine (the link itself is unset right after).
 */
@Schema({ collection: 'magic_link_uses', timestamps: false })
export class MagicLinkUse {
  @Prop({ type: String, required: true }) tokenHash: string;
  @Prop({ type: Types.ObjectId, required: true }) userId: Types.ObjectId;
  @Prop({ type: Date, required: true }) usedAt: Date;
  @Prop({ type: String }) kind?: string;
}
export const MagicLinkUseSchema = SchemaFactory.createForClass(MagicLinkUse);
MagicLinkUseSchema.index({ tokenHash: 1 }, { unique: true });
// Where the engine has TTL, old rows vanish by themselves; the cleanup job purges them anyway.
MagicLinkUseSchema.index({ usedAt: 1 }, { expireAfterSeconds: 24 * 3600 });

/** docs/data-model.md §10.3: who changed what on a user, and when. */
@Schema({ collection: 'audit_logs', timestamps: false })
export class AuditLog {
  @Prop({ type: Types.ObjectId, default: null }) actorId: Types.ObjectId | null;
  @Prop({ type: String, required: true }) action: string;
  @Prop({ type: Types.ObjectId, required: true }) targetId: Types.ObjectId;
  @Prop({ type: Object, default: {} }) changes: Record<string, { from: unknown; to: unknown }>;
  @Prop({ type: Date, required: true }) at: Date;
}
export const AuditLogSchema = SchemaFactory.createForClass(AuditLog);
AuditLogSchema.index({ targetId: 1, at: -1 });
AuditLogSchema.index({ at: -1 });

/**
 * One row per refresh token ever issued, `_id` = SHA-256 of the token (the token itself is never
 * stored). A session's tokens form a chain: generation n+1 is issued by refreshing generation n,
 * and the unique (sessionId, generation) index lets exactly one refresh of a token win on every
 * engine; a second use of the same token loses that insert and ends the session (reuse).
 */
@Schema({ collection: 'refresh_tokens', timestamps: false, versionKey: false })
export class RefreshToken {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: Types.ObjectId, required: true }) userId: Types.ObjectId;
  @Prop({ type: String, required: true }) sessionId: string;
  @Prop({ type: Number, required: true }) generation: number;
  @Prop({ type: Date, required: true }) createdAt: Date;
  @Prop({ type: Date, required: true }) expiresAt: Date;
}
export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);
RefreshTokenSchema.index({ sessionId: 1, generation: 1 }, { unique: true });
RefreshTokenSchema.index({ expiresAt: 1 });
