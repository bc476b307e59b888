import { Injectable } from '@nestjs/common';
import { IdentityErrors } from './identity.errors';
import { identityMask } from './identity-mask';
import { LinkUseRepository } from './link-use.repository';
import { RefreshTokenRepository } from './refresh-token.repository';
import { canonicalRole } from './roles';
import { PublicUser, UserMigrationKind, UserRepository } from './user.repository';

/**
 * What other contexts may ask about users (they never read the users collection). Every write
 * goes through the repositories' one write path: no lock is taken here.
 */
@Injectable()
export class UserDirectory {
  constructor(
    private readonly users: UserRepository,
    private readonly linkUses: LinkUseRepository,
    private readonly refreshTokens: RefreshTokenRepository,
  ) {}

  findById(id: string): Promise<PublicUser | null> {
    return this.users.findById(id);
  }

  /**
   * What hides a user's names and email in a text (an anonymous copy read by an examiner):
   * identity-mask.ts. A user no longer found, or erased, leaves nothing to hide.
   */
  async identityMaskOf(userId: string): Promise<(text: string) => string> {
    // A deleted account keeps its names (still masked); an erased one has none left (erase below).
    const user = await this.users.findById(userId, { includeDeleted: true });
    return user && !user.email.endsWith('@invalid') ? identityMask(user) : (text) => text;
  }

  /** Several users by id (unknown or deleted ids are left out). */
  findManyByIds(ids: string[]): Promise<PublicUser[]> {
    return this.users.findManyByIds(ids);
  }

  /**
   * Records the user's total of tokens used (from the usage ledger) with `$max`: monotone and
   * idempotent, so concurrent or replayed settlements need no lock and no callback.
   */
  recordTokensUsed(userId: string, total: number): Promise<void> {
    return this.users.recordTokensUsed(userId, total);
  }

  /** The integrity check's repair of `tokensUsed` (user.repository.ts correctTokensUsed). */
  correctTokensUsed(userId: string, observed: number, total: number): Promise<boolean> {
    return this.users.correctTokensUsed(userId, observed, total);
  }

  /**
   * docs/data-model.md §11.2 maintenance: unsets expired sign-in links, purges "token used" markers older
   * than `usesBefore` and refresh tokens past their expiry. Idempotent: a second run finds
   * nothing.
   */
  async cleanupMagicLinks(
    now: Date,
    usesBefore: Date,
    onProgress?: (done: number) => Promise<void>,
  ): Promise<{ magicLinksCleared: number; magicLinkUsesPurged: number; refreshTokensPurged: number }> {
    let cleared = 0;
    let examined = 0;
    for (;;) {
      const ids = await this.users.findExpiredMagicLinkIds(now, 200);
      if (!ids.length) break;
      let batchCleared = 0;
      for (const id of ids) {
        if (await this.users.clearExpiredMagicLink(id, now)) batchCleared++;
        examined++;
      }
      cleared += batchCleared;
      await onProgress?.(examined);
      if (ids.length < 200 || batchCleared === 0) break;
    }
    const purged = await this.linkUses.purgeBefore(usesBefore);
    const refreshTokensPurged = await this.refreshTokens.purgeExpired(now);
    return { magicLinksCleared: cleared, magicLinkUsesPurged: purged, refreshTokensPurged };
  }

  /** Migration 001 (docs/data-model.md §11.1): `consentementRGPD: false` where it is missing. Returns the users changed. */
  async defaultMissingConsent(): Promise<number> {
    return (await this.migrateEach('consent-missing', () => ({ consentementRGPD: false }))).changed;
  }

  /** Migration 002 (docs/data-model.md §11.1): an empty `profilEtudiant` for students that have none. */
  async addMissingStudentProfiles(): Promise<number> {
    return (
      await this.migrateEach('student-profile-missing', () => ({
        profilEtudiant: { niveauFormation: '', typeEtude: '', groupId: null },
      }))
    ).changed;
  }

  /** Migration 003: stored role aliases ("Etudiant", "examinateurs"…) rewritten canonical; unknown values are left and counted. */
  async normalizeRoles(): Promise<{ normalized: number; unknown: number }> {
    const r = await this.migrateEach('role-not-canonical', (u) => {
      const role = canonicalRole(u.role);
      return role ? { role } : null;
    });
    return { normalized: r.changed, unknown: r.skipped };
  }

  /** Pages through the candidates in `_id` order; each user is updated through the repository's write path. */
  private async migrateEach(
    kind: UserMigrationKind,
    patchOf: (u: { role: unknown }) => Record<string, unknown> | null,
  ): Promise<{ changed: number; skipped: number }> {
    let changed = 0;
    let skipped = 0;
    let after: unknown = null;
    for (;;) {
      const page = await this.users.findMigrationCandidates(kind, after, 200);
      for (const u of page) {
        const patch = patchOf(u);
        if (!patch) {
          skipped++;
          continue;
        }
        // The role migration re-checks the value it read, so a concurrent change is kept.
        const extra = kind === 'role-not-canonical' ? { role: u.role } : {};
        if (await this.users.applyMigration(kind, u._id, patch, extra)) changed++;
      }
      if (page.length < 200) break;
      after = page[page.length - 1]._id;
    }
    return { changed, skipped };
  }

  /** The ids among `ids` that belong to a user, deleted or not. */
  existingIds(ids: string[]): Promise<Set<string>> {
    return this.users.existingIds(ids);
  }

  /** The active users holding these emails (unknown ones are left out): an import's students. */
  async findManyByEmails(emails: string[]): Promise<PublicUser[]> {
    const found = await Promise.all(
      [...new Set(emails.map((e) => e.trim().toLowerCase()))].map((e) => this.users.findActiveByEmail(e)),
    );
    return found.filter((u): u is PublicUser => u !== null);
  }

  /** Whether an account (even a deleted one) holds this email. */
  emailExists(email: string): Promise<boolean> {
    return this.users.emailExists(email.trim().toLowerCase());
  }

  /** RGPD export: the caller's own profile (no secrets: the repository's mapping drops them). */
  profileOf(userId: string): Promise<PublicUser | null> {
    return this.users.findById(userId, { includeDeleted: true });
  }

  /** RGPD export: audit entries about one user. */
  auditAbout(userId: string) {
    return this.users.auditOf(userId);
  }

  /**
   * RGPD erase: identity fields replaced or removed and every session ended, in one write. An
   * audit entry records who erased, with no personal data. Never one's own account
   * (`409 SELF_CHANGE_REFUSED`, as for a deletion).
   */
  async erase(userId: string, by: string, at: Date): Promise<{ found: boolean; alreadyErased: boolean }> {
    if (userId === by) throw IdentityErrors.selfChangeRefused('erase');
    const r = await this.users.erase(userId, by, at);
    if (r.found && !r.alreadyErased)
      await this.users.writeAudit({ actorId: by, action: 'user.erased', targetId: userId, at });
    return r;
  }
}
