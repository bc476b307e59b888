import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import {
  DocumentRepository,
  DocumentWriteSerializer,
  isDuplicateKeyError,
  isoDate,
  isoDateOf,
  objectId,
  Stored,
} from '../../libs/database';
import type { Role, StoredRole } from '../../libs/http';
import { IdentityErrors } from './identity.errors';
import { LINK_FIELD, LinkKind, sameHash } from './one-time-link';
import { CANONICAL_ROLES, readRole, storedSpellingsOf } from './roles';
import { AuditLog, User } from './user.schema';
import { AuditEntry, PublicUser, RoleCount } from './identity.response';

export type { PublicUser };

/** What the auth guard needs on every request: one read by `_id`, a small projection. */
export interface UserAuthView {
  id: string;
  email: string;
  role: StoredRole;
  deleted: boolean;
  /** Ids of the open sessions (see OpenSession). */
  sessionIds: string[];
}

export interface NewUser {
  prenom: string;
  nom: string;
  email: string;
  role: StoredRole;
  passwordHash?: string;
  dateNaissance?: Date;
  numeroEtudiant?: string;
  tokensAuthorized?: number;
  profilEtudiant?: object;
  profilJury?: object;
  consentementRGPD?: boolean;
}

export type UserPatch = Partial<Omit<NewUser, 'passwordHash'>>;

/** A user is never kept signed in on more devices than this; the oldest session ends first. */
export const MAX_SESSIONS_PER_USER = 20;

/** What authentication checks of a user: active, role, open sessions. */
function authViewOf(doc: Pick<Stored<User>, '_id' | 'email' | 'role' | 'deletedAt' | 'sessions'>): UserAuthView {
  return {
    id: String(doc._id),
    email: doc.email,
    role: readRole(doc.role),
    deleted: !!doc.deletedAt,
    sessionIds: (doc.sessions ?? []).map((s) => s.id),
  };
}

export function toPublicUser(doc: Stored<User>): PublicUser {
  return {
    id: String(doc._id),
    prenom: doc.prenom,
    nom: doc.nom,
    email: doc.email,
    dateNaissance: isoDate(doc.dateNaissance),
    numeroEtudiant: doc.numeroEtudiant ?? null,
    role: readRole(doc.role),
    tokensAuthorized: doc.tokensAuthorized ?? null,
    tokensUsed: doc.tokensUsed ?? 0,
    profilEtudiant: (doc.profilEtudiant as Record<string, unknown> | undefined) ?? null,
    profilJury: (doc.profilJury as Record<string, unknown> | undefined) ?? null,
    consentementRGPD: doc.consentementRGPD ?? false,
    createdAt: isoDateOf(doc.createdAt),
    updatedAt: isoDateOf(doc.updatedAt),
  };
}

/** What the user document says about the last invitation (invitation-status.ts turns it into a state). */
export interface InvitationFacts {
  /** Null for an invitation sent before it was recorded (its link is all there is). */
  sentAt: Date | null;
  acceptedAt: Date | null;
  /** The pending link's expiry; null once used, or before the mail worker made it. */
  linkExpiresAt: Date | null;
  invitedById: string | null;
  hackathon: { id: string; nom: string } | null;
}

export function invitationFactsOf(doc: Stored<User>): InvitationFacts | null {
  const sent = doc.invitationEnvoyee;
  const link = doc.invitation;
  if (!sent && !link) return null;
  return {
    sentAt: sent?.envoyeeLe ? new Date(sent.envoyeeLe) : null,
    acceptedAt: sent?.accepteeLe ? new Date(sent.accepteeLe) : null,
    linkExpiresAt: link?.expiresAt ? new Date(link.expiresAt) : null,
    invitedById: sent?.parId ? String(sent.parId) : null,
    hackathon: sent?.hackathonId ? { id: sent.hackathonId, nom: sent.hackathonNom ?? '' } : null,
  };
}

/** A user with what an admin also sees: their invitation. */
export interface UserWithInvitation {
  user: PublicUser;
  invitation: InvitationFacts | null;
}

export type UserMigrationKind = 'consent-missing' | 'student-profile-missing' | 'role-not-canonical';

const missing = (field: string) => ({ $or: [{ [field]: { $exists: false } }, { [field]: null }] });
const MIGRATION_FILTERS: Record<UserMigrationKind, () => Record<string, unknown>> = {
  'consent-missing': () => missing('consentementRGPD'),
  'student-profile-missing': () => ({ role: { $in: storedSpellingsOf('student') }, ...missing('profilEtudiant') }),
  'role-not-canonical': () => ({ role: { $exists: true, $nin: [...CANONICAL_ROLES, ''] } }),
};

const isHexId = (id: string) => /^[0-9a-fA-F]{24}$/.test(id);

/**
 * The only code that knows the users collection, and the one write path of a user document
 * (DocumentRepository: writers of one user are serialized where the engine needs it). Returns
 * plain objects.
 */
@Injectable()
export class UserRepository extends DocumentRepository<User> {
  constructor(
    @InjectModel(User.name) users: Model<User>,
    @InjectModel(AuditLog.name) private readonly audit: Model<AuditLog>,
    private readonly writes: DocumentWriteSerializer,
  ) {
    super(users, writes);
  }

  /** A new user; the unique email index decides between racing creations (`409 EMAIL_TAKEN`). */
  async create(data: NewUser): Promise<PublicUser> {
    const _id = new Types.ObjectId();
    if (!(await this.insertOnce({ ...data, _id, tokensUsed: 0, sessions: [] }))) throw IdentityErrors.emailTaken();
    const created = await this.findById(String(_id));
    if (!created) throw IdentityErrors.userNotFound();
    return created;
  }

  async emailExists(email: string, exceptId?: string): Promise<boolean> {
    const filter: Record<string, unknown> = { email };
    if (exceptId) filter._id = { $ne: objectId(exceptId) };
    return (await this.model.countDocuments(filter).limit(1)) > 0;
  }

  /** An active user and their invitation (admin views, the invitation mail and page). */
  async findWithInvitation(id: string): Promise<UserWithInvitation | null> {
    if (!isHexId(id)) return null;
    const doc = await this.model.findById(id).lean();
    return doc && !doc.deletedAt ? { user: toPublicUser(doc), invitation: invitationFactsOf(doc) } : null;
  }

  async findById(id: string, { includeDeleted = false } = {}): Promise<PublicUser | null> {
    // By _id only, deletion checked here: on FerretDB `{_id, deletedAt: null}` costs ~4x the
    // engine time of `{_id}` (measured by the benchmark).
    const doc = await this.model.findById(id).lean();
    return doc && (includeDeleted || !doc.deletedAt) ? toPublicUser(doc) : null;
  }

  /** Several users at once (unknown or deleted ids are left out), in no particular order. */
  async findManyByIds(ids: string[]): Promise<PublicUser[]> {
    const valid = [...new Set(ids)].filter(isHexId);
    if (!valid.length) return [];
    const docs = await this.model.find({ _id: { $in: valid.map(objectId) }, deletedAt: null }).lean();
    return docs.map(toPublicUser);
  }

  /** The ids among `ids` that belong to a user, deleted or not (integrity check). */
  async existingIds(ids: string[]): Promise<Set<string>> {
    const valid = [...new Set(ids)].filter(isHexId);
    if (!valid.length) return new Set();
    const docs = await this.model.find({ _id: { $in: valid.map(objectId) } }, { _id: 1 }).lean();
    return new Set(docs.map((d) => String(d._id)));
  }

  /**
   * Who an authenticated request comes from: one read of the user by `_id` through the driver
   * (the hot path of every request: no Mongoose query building), giving both what the guard
   * checks and the profile `GET /auth/me` answers with.
   */
  async findRequester(id: string): Promise<{ auth: UserAuthView; profile: PublicUser } | null> {
    const doc = (await this.model.collection.findOne({ _id: objectId(id) })) as Stored<User> | null;
    if (!doc) return null;
    return {
      auth: authViewOf(doc),
      profile: toPublicUser(doc),
    };
  }

  async findAuthView(id: string): Promise<UserAuthView | null> {
    const doc = await this.model.findById(id, { email: 1, role: 1, deletedAt: 1, sessions: 1 }).lean();
    return doc ? authViewOf(doc) : null;
  }

  /**
   * For sign-in only; never leaves the identity context. No `limit`: an unknown email and a
   * known one cost the same scan (on FerretDB a `findOne` stops at the first match, which told
   * whether an account exists); the unique index keeps the answer to one document.
   */
  async findCredentials(email: string): Promise<{ user: PublicUser; passwordHash?: string } | null> {
    const [doc] = await this.model.find({ email, deletedAt: null }).lean();
    return doc ? { user: toPublicUser(doc), passwordHash: doc.passwordHash } : null;
  }

  async findActiveByEmail(email: string): Promise<PublicUser | null> {
    const [doc] = await this.model.find({ email, deletedAt: null }).lean();
    return doc ? toPublicUser(doc) : null;
  }

  /** The password hash of an active user (absent for users who never set one). */
  async passwordHashOf(id: string): Promise<{ passwordHash?: string } | null> {
    const doc = await this.model.findById(id, { passwordHash: 1, deletedAt: 1 }).lean();
    return doc && !doc.deletedAt ? { passwordHash: doc.passwordHash } : null;
  }

  // --- one-time links (sign-in, invitation, password reset) -------------------------------

  /** Stores the hash of a new link of `kind` (replacing the previous one); false for a deleted or unknown user. */
  setLink(kind: LinkKind, userId: string, tokenHash: string, expiresAt: Date): Promise<boolean> {
    return this.update(userId, { $set: { [LINK_FIELD[kind]]: { tokenHash, expiresAt } } }, { deletedAt: null });
  }

  /** Any link of `kind` stops working (a re-sent invitation: the previous link dies at once). */
  async clearLink(kind: LinkKind, userId: string): Promise<void> {
    await this.update(userId, { $unset: { [LINK_FIELD[kind]]: '' } });
  }

  /**
   * A new invitation of an active user: the previous link dies and the record says who sent it
   * when, into which hackathon (`undefined`: the one of the previous invitation, for a re-send).
   * False for a deleted or unknown user.
   */
  recordInvitation(
    userId: string,
    at: Date,
    invitedById: string | null,
    hackathon: { id: string; nom: string } | null | undefined,
  ): Promise<boolean> {
    return this.mutate(userId, (current) => {
      if (!current || current.deletedAt) return { result: false };
      const previous = current.invitationEnvoyee;
      const into =
        hackathon === undefined
          ? { hackathonId: previous?.hackathonId ?? null, hackathonNom: previous?.hackathonNom ?? null }
          : { hackathonId: hackathon?.id ?? null, hackathonNom: hackathon?.nom ?? null };
      const sent = { envoyeeLe: at, parId: invitedById ? objectId(invitedById) : null, ...into, accepteeLe: null };
      return { update: { $set: { invitationEnvoyee: sent }, $unset: { [LINK_FIELD.invitation]: '' } }, result: true };
    });
  }

  /** The user signed in through a mailed link: their pending invitation (if any) is accepted. */
  async markInvitationAccepted(userId: string, at: Date): Promise<void> {
    // Part of a sign-in by link: goes on while Redis is away (DocumentRepository).
    await this.updateEvenWithoutRedis(
      userId,
      { $set: { 'invitationEnvoyee.accepteeLe': at } },
      { 'invitationEnvoyee.envoyeeLe': { $exists: true }, 'invitationEnvoyee.accepteeLe': null },
    );
  }

  /** The active user whose current link of `kind` has this hash and has not expired. */
  async findByLink(kind: LinkKind, userId: string, tokenHash: string, now: Date): Promise<PublicUser | null> {
    return (await this.findLinkHolder(kind, userId, tokenHash, now))?.user ?? null;
  }

  /** The same, with the link's expiry and the user's invitation (what a link check answers). */
  async findLinkHolder(
    kind: LinkKind,
    userId: string,
    tokenHash: string,
    now: Date,
  ): Promise<(UserWithInvitation & { expiresAt: Date }) | null> {
    if (!isHexId(userId)) return null;
    const doc = await this.model.findById(userId).lean();
    const link = doc?.[LINK_FIELD[kind]];
    if (!doc || doc.deletedAt || !link || !sameHash(link.tokenHash, tokenHash)) return null;
    const expiresAt = new Date(link.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) return null;
    return { user: toPublicUser(doc), invitation: invitationFactsOf(doc), expiresAt };
  }

  /** Unsets the link if it is still this one (a newer link is kept). */
  async consumeLink(kind: LinkKind, userId: string, tokenHash: string): Promise<void> {
    const field = LINK_FIELD[kind];
    // Part of a sign-in by link (the link is already spent): goes on while Redis is away.
    await this.updateEvenWithoutRedis(userId, { $unset: { [field]: '' } }, { [`${field}.tokenHash`]: tokenHash });
  }

  /** Users whose sign-in link has expired (maintenance: docs/data-model.md §11.2), a page at a time. */
  async findExpiredMagicLinkIds(now: Date, limit: number): Promise<string[]> {
    const docs = await this.model
      .find({ 'magicLink.expiresAt': { $lt: now } }, { _id: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean();
    return docs.map((d) => String(d._id));
  }

  /** Unsets the user's sign-in link if it is still expired (a fresh one is kept). */
  clearExpiredMagicLink(userId: string, now: Date): Promise<boolean> {
    return this.update(userId, { $unset: { magicLink: '' } }, { 'magicLink.expiresAt': { $lt: now } });
  }

  // --- sessions -------------------------------------------------------------------------

  /** Adds an open session; false when the user is deleted or unknown. */
  openSession(userId: string, sessionId: string, at: Date): Promise<boolean> {
    // Sign-in does not wait for Redis: serialized through the database while it is away.
    return this.mutateEvenWithoutRedis(userId, (current) => {
      if (!current || current.deletedAt) return { result: false };
      const sessions = [...(current.sessions ?? []), { id: sessionId, createdAt: at }].slice(-MAX_SESSIONS_PER_USER);
      return { update: { $set: { sessions } }, result: true };
    });
  }

  /** Ends one session (logout, refresh token reuse). */
  endSession(userId: string, sessionId: string): Promise<void> {
    // Neither does ending one (logout, a refresh token's reuse ends its session at once).
    return this.mutateEvenWithoutRedis(userId, (current) => {
      const sessions = current?.sessions ?? [];
      if (!sessions.some((s) => s.id === sessionId)) return { result: undefined };
      return { update: { $set: { sessions: sessions.filter((s) => s.id !== sessionId) } }, result: undefined };
    });
  }

  /**
   * Sets a new password hash and ends every session but `keep` (the caller's own session on a
   * password change, the fresh one of a reset), in one write. False for a deleted user.
   */
  setPassword(userId: string, passwordHash: string, keep: string | null): Promise<boolean> {
    return this.mutate(userId, (current) => {
      if (!current || current.deletedAt) return { result: false };
      const sessions = (current.sessions ?? []).filter((s) => s.id === keep);
      return { update: { $set: { passwordHash, sessions } }, result: true };
    });
  }

  // --- profile, role, deletion ----------------------------------------------------------

  /**
   * A profile or admin change of an active user. A change of role ends all of the user's
   * sessions in the same write (docs/api.md 1.1). Null for a deleted or unknown user.
   */
  async updateProfile(id: string, patch: UserPatch, { endSessions = false } = {}): Promise<PublicUser | null> {
    // FerretDB does not answer 11000 to an update that breaks a unique index: check first.
    if (patch.email && (await this.emailExists(patch.email, id))) throw IdentityErrors.emailTaken();
    let matched: boolean;
    try {
      if (endSessions) matched = await this.endSessionsWith(id, { $set: patch }, { activeOnly: true });
      else matched = Object.keys(patch).length ? await this.update(id, { $set: patch }, { deletedAt: null }) : true;
    } catch (err) {
      if (isDuplicateKeyError(err)) throw IdentityErrors.emailTaken();
      throw err;
    }
    return matched ? this.findById(id) : null;
  }

  /** create-admin: makes an existing user admin (and sets its password when given); sessions end. */
  promoteToAdmin(id: string, passwordHash?: string): Promise<boolean> {
    return this.endSessionsWith(id, { $set: { role: 'admin', ...(passwordHash ? { passwordHash } : {}) } });
  }

  /** Soft delete: no more sign-in, every session and link ends. */
  softDelete(id: string, by: string, at: Date): Promise<boolean> {
    return this.endSessionsWith(
      id,
      {
        $set: { deletedAt: at, deletedBy: objectId(by) },
        $unset: { magicLink: '', invitation: '', passwordReset: '' },
      },
      { activeOnly: true },
    );
  }

  /**
   * RGPD erase (docs/contexts/admin.md): identity fields replaced or removed, `deletedAt` set, every session
   * and link ended. Only the user document changes: conversations and grades keep their ids.
   */
  erase(id: string, by: string, at: Date): Promise<{ found: boolean; alreadyErased: boolean }> {
    const email = `erased-${id}@invalid`;
    return this.mutate<{ found: boolean; alreadyErased: boolean }>(id, (doc) => {
      if (!doc) return { result: { found: false, alreadyErased: false } };
      if (doc.email === email) return { result: { found: true, alreadyErased: true } };
      return {
        update: {
          $set: {
            prenom: 'Utilisateur supprimé',
            nom: 'Utilisateur supprimé',
            email,
            deletedAt: doc.deletedAt ?? at,
            deletedBy: objectId(by),
            consentementRGPD: false,
            sessions: [],
          },
          $unset: {
            numeroEtudiant: '',
            dateNaissance: '',
            profilEtudiant: '',
            profilJury: '',
            magicLink: '',
            invitation: '',
            passwordReset: '',
            passwordHash: '',
          },
        },
        result: { found: true, alreadyErased: false },
      };
    });
  }

  /**
   * `sessions` is only ever written here and in the other `mutate` decisions above, never by a
   * blind update: on MongoDB a blind `$set` is not serialized with a `mutate`, and a sign-in
   * that read the list before a role change would write the ended sessions back.
   */
  private endSessionsWith(
    id: string,
    change: { $set?: Record<string, unknown>; $unset?: Record<string, ''> },
    { activeOnly = false } = {},
  ): Promise<boolean> {
    return this.mutate(id, (current) => {
      if (!current || (activeOnly && current.deletedAt)) return { result: false };
      return { update: { ...change, $set: { ...change.$set, sessions: [] } }, result: true };
    });
  }

  // --- usage ----------------------------------------------------------------------------

  /** `tokensUsed` only ever grows to the total the caller computed (idempotent, no lock callback). */
  async recordTokensUsed(userId: string, total: number): Promise<void> {
    await this.update(userId, { $max: { tokensUsed: total } });
  }

  /**
   * The integrity check's repair: `tokensUsed` set to the ledger's total, only if it still holds
   * what the check read (a settlement recorded meanwhile wins). True when set.
   */
  correctTokensUsed(userId: string, observed: number, total: number): Promise<boolean> {
    const condition =
      observed === 0 ? { $or: [{ tokensUsed: 0 }, { tokensUsed: { $exists: false } }] } : { tokensUsed: observed };
    return this.update(userId, { $set: { tokensUsed: total } }, condition);
  }

  // --- listings -------------------------------------------------------------------------

  async list(
    filter: { role?: Role },
    skip: number,
    limit: number,
  ): Promise<{ items: UserWithInvitation[]; total: number }> {
    const query: Record<string, unknown> = { deletedAt: null };
    if (filter.role) query.role = { $in: storedSpellingsOf(filter.role) };
    const [docs, total] = await Promise.all([
      this.model.find(query).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit).lean(),
      this.model.countDocuments(query),
    ]);
    return { items: docs.map((d) => ({ user: toPublicUser(d), invitation: invitationFactsOf(d) })), total };
  }

  /** docs/data-model.md §8.1's aggregation; aliases left by older data are folded into their canonical role. */
  async countByRole(): Promise<RoleCount[]> {
    const rows: { _id: string; count: number }[] = await this.model.aggregate([
      { $match: { deletedAt: null } },
      { $group: { _id: '$role', count: { $sum: 1 } } },
    ]);
    const totals = new Map<StoredRole, number>();
    for (const r of rows) totals.set(readRole(r._id), (totals.get(readRole(r._id)) ?? 0) + r.count);
    return [...totals]
      .map(([role, count]) => ({ role, count }))
      .sort((a, b) => b.count - a.count || a.role.localeCompare(b.role));
  }

  // --- migrations -----------------------------------------------------------------------

  /**
   * Migrations (admin context, docs/data-model.md §11.1). They go through the native collection so that
   * legacy shapes are matched as stored, page by page in `_id` order, and each conditional
   * update re-checks its condition (a rerun or a concurrent edit changes nothing twice).
   */
  async findMigrationCandidates(
    kind: UserMigrationKind,
    afterId: unknown,
    limit: number,
  ): Promise<{ _id: unknown; role: unknown }[]> {
    const filter: Record<string, unknown> = { ...MIGRATION_FILTERS[kind]() };
    if (afterId !== null && afterId !== undefined) filter._id = { $gt: afterId };
    const docs = await this.model.collection
      .find(filter, { projection: { _id: 1, role: 1 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({ _id: d._id, role: d.role }));
  }

  /**
   * Applies one migration to one user if it still needs it; true when the user changed. Native
   * driver (Mongoose would set `updatedAt`: a migration is not a user edit), serialized with the
   * user's other writers like every write of this repository.
   */
  applyMigration(
    kind: UserMigrationKind,
    id: unknown,
    set: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): Promise<boolean> {
    const write = async () =>
      (
        await this.model.collection.updateOne(
          { _id: id as Types.ObjectId, ...MIGRATION_FILTERS[kind](), ...extra },
          { $set: set },
        )
      ).modifiedCount === 1;
    if (this.writes.operatorUpdatesAreAtomic) return write();
    return this.writes.run(this.collectionName, String(id), write);
  }

  // --- audit ----------------------------------------------------------------------------

  async writeAudit(entry: {
    actorId: string | null;
    action: string;
    targetId: string;
    changes?: Record<string, { from: unknown; to: unknown }>;
    at: Date;
  }): Promise<void> {
    await this.audit.create({
      actorId: entry.actorId ? objectId(entry.actorId) : null,
      action: entry.action,
      targetId: objectId(entry.targetId),
      changes: entry.changes ?? {},
      at: entry.at,
    });
  }

  async auditOf(targetId: string): Promise<AuditEntry[]> {
    const rows = await this.audit
      .find({ targetId: objectId(targetId) })
      .sort({ at: 1 })
      .lean();
    return rows.map((r) => ({
      actorId: r.actorId ? String(r.actorId) : null,
      action: r.action,
      changes: r.changes,
      at: r.at.toISOString(),
    }));
  }
}
