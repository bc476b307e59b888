import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import type { Role, StoredRole } from '../../libs/http';
import { IdentityErrors } from './identity.errors';
import { CANONICAL_ROLES, readRole, storedSpellingsOf } from './roles';
import { AuditLog, MagicLinkUse, User } from './user.schema';

/** A user as it may leave the service: never `passwordHash` nor `magicLink`. */
export interface PublicUser {
  id: string;
  prenom: string;
  nom: string;
  email: string;
  dateNaissance: string | null;
  numeroEtudiant: string | null;
  role: StoredRole;
  tokensAuthorized: number | null;
  tokensUsed: number;
  profilEtudiant: Record<string, unknown> | null;
  profilJury: Record<string, unknown> | null;
  consentementRGPD: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What the auth guard needs on every request. */
export interface UserAuthView {
  id: string;
  email: string;
  role: StoredRole;
  deleted: boolean;
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

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d ? new Date(d as string).toISOString() : null);

export function toPublicUser(doc: any): PublicUser {
  return {
    id: String(doc._id),
    prenom: doc.prenom,
    nom: doc.nom,
    email: doc.email,
    dateNaissance: iso(doc.dateNaissance),
    numeroEtudiant: doc.numeroEtudiant ?? null,
    role: readRole(doc.role),
    tokensAuthorized: doc.tokensAuthorized ?? null,
    tokensUsed: doc.tokensUsed ?? 0,
    profilEtudiant: doc.profilEtudiant ?? null,
    profilJury: doc.profilJury ?? null,
    consentementRGPD: doc.consentementRGPD ?? false,
    createdAt: iso(doc.createdAt)!,
    updatedAt: iso(doc.updatedAt)!,
  };
}

export type UserMigrationKind = 'consent-missing' | 'student-profile-missing' | 'role-not-canonical';

const missing = (field: string) => ({ $or: [{ [field]: { $exists: false } }, { [field]: null }] });
const MIGRATION_FILTERS: Record<UserMigrationKind, () => Record<string, unknown>> = {
  'consent-missing': () => missing('consentementRGPD'),
  'student-profile-missing': () => ({ role: { $in: storedSpellingsOf('student') }, ...missing('profilEtudiant') }),
  'role-not-canonical': () => ({ role: { $exists: true, $nin: [...CANONICAL_ROLES, ''] } }),
};

const isDuplicate = (err: any) => err?.code === 11000 || err?.code === 11001;

/** The only code that knows the users collection. Returns plain objects. */
@Injectable()
export class UserRepository {
  constructor(
    @InjectModel(User.name) private readonly users: Model<User>,
    @InjectModel(MagicLinkUse.name) private readonly magicLinkUses: Model<MagicLinkUse>,
    @InjectModel(AuditLog.name) private readonly audit: Model<AuditLog>,
  ) {}

  async create(data: NewUser): Promise<PublicUser> {
    if (await this.emailExists(data.email)) throw IdentityErrors.emailTaken();
    try {
      const doc = await this.users.create({ ...data, tokensUsed: 0 });
      return toPublicUser(doc.toObject());
    } catch (err) {
      // Two registrations racing: the unique index decides, on MongoDB and FerretDB alike.
      if (isDuplicate(err)) throw IdentityErrors.emailTaken();
      throw err;
    }
  }

  async emailExists(email: string, exceptId?: string): Promise<boolean> {
    const filter: Record<string, unknown> = { email };
    if (exceptId) filter._id = { $ne: new Types.ObjectId(exceptId) };
    return (await this.users.countDocuments(filter).limit(1)) > 0;
  }

  async findById(id: string, { includeDeleted = false } = {}): Promise<PublicUser | null> {
    // By _id only, deletion checked here: on FerretDB `{_id, deletedAt: null}` costs ~4x the
    // engine time of `{_id}` (measured by the benchmark).
    const doc = await this.users.findById(id).lean();
    return doc && (includeDeleted || !doc.deletedAt) ? toPublicUser(doc) : null;
  }

  /** Several users at once (unknown or deleted ids are left out), in no particular order. */
  async findManyByIds(ids: string[]): Promise<PublicUser[]> {
    const valid = [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id) && /^[0-9a-fA-F]{24}$/.test(id));
    if (!valid.length) return [];
    const docs = await this.users
      .find({ _id: { $in: valid.map((id) => new Types.ObjectId(id)) }, deletedAt: null })
      .lean();
    return docs.map(toPublicUser);
  }

  /** The ids among `ids` that belong to a user, deleted or not (integrity check). */
  async existingIds(ids: string[]): Promise<Set<string>> {
    const valid = [...new Set(ids)].filter((id) => /^[0-9a-fA-F]{24}$/.test(id));
    if (!valid.length) return new Set();
    const docs = await this.users.find({ _id: { $in: valid.map((id) => new Types.ObjectId(id)) } }, { _id: 1 }).lean();
    return new Set(docs.map((d) => String(d._id)));
  }

  async findAuthView(id: string): Promise<UserAuthView | null> {
    const doc = await this.users.findById(id, { email: 1, role: 1, deletedAt: 1 }).lean();
    return doc ? { id: String(doc._id), email: doc.email, role: readRole(doc.role), deleted: !!doc.deletedAt } : null;
  }

  /** For sign-in only; never leaves the identity context. */
  async findCredentials(email: string): Promise<{ user: PublicUser; passwordHash?: string } | null> {
    const doc = await this.users.findOne({ email, deletedAt: null }).lean();
    return doc ? { user: toPublicUser(doc), passwordHash: doc.passwordHash } : null;
  }

  async findActiveByEmail(email: string): Promise<PublicUser | null> {
    const doc = await this.users.findOne({ email, deletedAt: null }).lean();
    return doc ? toPublicUser(doc) : null;
  }

  /** A new link replaces the previous one. */
  async setMagicLink(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { magicLink: { tokenHash, expiresAt } } });
  }

  async findByMagicLink(tokenHash: string, now: Date): Promise<PublicUser | null> {
    const doc = await this.users
      .findOne({ 'magicLink.tokenHash': tokenHash, 'magicLink.expiresAt': { $gt: now }, deletedAt: null })
      .lean();
    return doc ? toPublicUser(doc) : null;
  }

  /** First insert wins (unique index): returns false for every later attempt on the same token. */
  async recordMagicLinkUse(tokenHash: string, userId: string, at: Date): Promise<boolean> {
    try {
      await this.magicLinkUses.create({ tokenHash, userId: new Types.ObjectId(userId), usedAt: at });
      return true;
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
  }

  /** Users whose magic link has expired (maintenance: seed 11.2), a page at a time. */
  async findExpiredMagicLinkIds(now: Date, limit: number): Promise<string[]> {
    const docs = await this.users
      .find({ 'magicLink.expiresAt': { $lt: now } }, { _id: 1 })
      .sort({ _id: 1 })
      .limit(limit)
      .lean();
    return docs.map((d) => String(d._id));
  }

  /** Unsets the user's magic link if it is still expired (a fresh one is kept). */
  async clearExpiredMagicLink(userId: string, now: Date): Promise<boolean> {
    const res = await this.users.updateOne(
      { _id: userId, 'magicLink.expiresAt': { $lt: now } },
      { $unset: { magicLink: '' } },
    );
    return res.modifiedCount === 1;
  }

  /**
   * Migrations (admin context, seed 11.1). They go through the native collection so that
   * legacy shapes are matched as stored, page by page in `_id` order, and each conditional
   * update re-checks its condition (a rerun or a concurrent edit changes nothing twice).
   * They do not touch `updatedAt`: a migration is not a user edit.
   */
  async findMigrationCandidates(
    kind: UserMigrationKind,
    afterId: unknown,
    limit: number,
  ): Promise<{ _id: unknown; role: unknown }[]> {
    const filter: Record<string, unknown> = { ...MIGRATION_FILTERS[kind]() };
    if (afterId !== null && afterId !== undefined) filter._id = { $gt: afterId };
    const docs = await this.users.collection
      .find(filter, { projection: { _id: 1, role: 1 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({ _id: d._id, role: d.role }));
  }

  /** Applies one migration to one user if it still needs it; true when the user changed. */
  async applyMigration(
    kind: UserMigrationKind,
    id: unknown,
    set: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): Promise<boolean> {
    const res = await this.users.collection.updateOne(
      { _id: id as any, ...MIGRATION_FILTERS[kind](), ...extra },
      { $set: set },
    );
    return res.modifiedCount === 1;
  }

  /** Drops the "token used" markers older than `before` (tokens live 10 minutes). */
  async purgeMagicLinkUsesBefore(before: Date): Promise<number> {
    const res = await this.magicLinkUses.deleteMany({ usedAt: { $lt: before } });
    return res.deletedCount ?? 0;
  }

  async clearMagicLink(userId: string, tokenHash: string): Promise<void> {
    await this.users.updateOne({ _id: userId, 'magicLink.tokenHash': tokenHash }, { $unset: { magicLink: '' } });
  }

  async update(id: string, patch: UserPatch & { passwordHash?: string }): Promise<PublicUser | null> {
    if (patch.email && (await this.emailExists(patch.email, id))) throw IdentityErrors.emailTaken();
    try {
      const doc = await this.users
        .findOneAndUpdate({ _id: id, deletedAt: null }, { $set: patch }, { new: true, runValidators: true })
        .lean();
      return doc ? toPublicUser(doc) : null;
    } catch (err) {
      if (isDuplicate(err)) throw IdentityErrors.emailTaken();
      throw err;
    }
  }

  async softDelete(id: string, by: string, at: Date): Promise<boolean> {
    const res = await this.users.updateOne(
      { _id: id, deletedAt: null },
      { $set: { deletedAt: at, deletedBy: new Types.ObjectId(by) }, $unset: { magicLink: '' } },
    );
    return res.modifiedCount === 1;
  }

  /**
   * RGPD erase (issue 7): identity fields replaced or removed, `deletedAt` set. Returns false
   * for an unknown id. Only the user document changes: conversations and grades keep their ids.
   */
  async erase(id: string, by: string, at: Date): Promise<{ found: boolean; alreadyErased: boolean }> {
    const doc = await this.users.findById(id, { email: 1, deletedAt: 1 }).lean();
    if (!doc) return { found: false, alreadyErased: false };
    const email = `erased-${id}@invalid`;
    if (doc.email === email) return { found: true, alreadyErased: true };
    await this.users.updateOne(
      { _id: id },
      {
        $set: {
          prenom: 'Utilisateur supprimé',
          nom: 'Utilisateur supprimé',
          email,
          deletedAt: doc.deletedAt ?? at,
          deletedBy: new Types.ObjectId(by),
          consentementRGPD: false,
        },
        $unset: {
          numeroEtudiant: '',
          dateNaissance: '',
          profilEtudiant: '',
          profilJury: '',
          magicLink: '',
          passwordHash: '',
        },
      },
    );
    return { found: true, alreadyErased: false };
  }

  async list(filter: { role?: Role }, skip: number, limit: number): Promise<{ items: PublicUser[]; total: number }> {
    const query: Record<string, unknown> = { deletedAt: null };
    if (filter.role) query.role = { $in: storedSpellingsOf(filter.role) };
    const [docs, total] = await Promise.all([
      this.users.find(query).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit).lean(),
      this.users.countDocuments(query),
    ]);
    return { items: docs.map(toPublicUser), total };
  }

  /** Seed 8.1's aggregation; aliases left by older data are folded into their canonical role. */
  async countByRole(): Promise<{ role: StoredRole; count: number }[]> {
    const rows: { _id: string; count: number }[] = await this.users.aggregate([
      { $match: { deletedAt: null } },
      { $group: { _id: '$role', count: { $sum: 1 } } },
    ]);
    const totals = new Map<StoredRole, number>();
    for (const r of rows) totals.set(readRole(r._id), (totals.get(readRole(r._id)) ?? 0) + r.count);
    return [...totals]
      .map(([role, count]) => ({ role, count }))
      .sort((a, b) => b.count - a.count || a.role.localeCompare(b.role));
  }

  async setTokensUsed(userId: string, total: number): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { tokensUsed: total } });
  }

  async writeAudit(entry: {
    actorId: string | null;
    action: string;
    targetId: string;
    changes?: Record<string, { from: unknown; to: unknown }>;
    at: Date;
  }): Promise<void> {
    await this.audit.create({
      actorId: entry.actorId ? new Types.ObjectId(entry.actorId) : null,
      action: entry.action,
      targetId: new Types.ObjectId(entry.targetId),
      changes: entry.changes ?? {},
      at: entry.at,
    });
  }

  async auditOf(
    targetId: string,
  ): Promise<{ actorId: string | null; action: string; changes: Record<string, unknown>; at: string }[]> {
    const rows = await this.audit
      .find({ targetId: new Types.ObjectId(targetId) })
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
