import type { ConversationMaintenance } from '../../conversation';
import type { UserDirectory } from '../../identity';

export interface MigrationDeps {
  users: UserDirectory;
  conversations: ConversationMaintenance;
}

export interface Migration {
  /** Versioned, sorted by name: `NNN-what-it-does`. Never rename one that has run. */
  name: string;
  up: (deps: MigrationDeps) => Promise<Record<string, unknown>>;
}

/**
 * The migrations, in order (docs/data-model.md §11.1 plus role normalization). Each is idempotent on its
 * own (conditional updates), so a run interrupted before its record is written can run again.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    name: '001-consentement-rgpd-default',
    up: async ({ users }) => ({ usersUpdated: await users.defaultMissingConsent() }),
  },
  {
    name: '002-student-profiles',
    up: async ({ users }) => ({ usersUpdated: await users.addMissingStudentProfiles() }),
  },
  {
    name: '003-normalize-roles',
    up: async ({ users }) => {
      const { normalized, unknown } = await users.normalizeRoles();
      return { usersUpdated: normalized, unknownRoles: unknown };
    },
  },
  {
    name: '004-mark-open-turns',
    up: async ({ conversations }) => ({ conversationsMarked: await conversations.markLegacyOpenTurns() }),
  },
];
