import type { Role, StoredRole } from '../../libs/http';

export const CANONICAL_ROLES: readonly Role[] = ['student', 'examiner', 'admin'];

/** docs/data-model.md §3.2's aliases, French and English, singular and plural. */
const ALIASES: Record<Role, string[]> = {
  student: ['student', 'students', 'etudiant', 'etudiants', 'étudiant', 'étudiants'],
  examiner: ['examiner', 'examiners', 'examinateur', 'examinateurs'],
  admin: ['admin', 'admins', 'administrateur', 'administrateurs'],
};

const BY_ALIAS = new Map<string, Role>(
  Object.entries(ALIASES).flatMap(([role, names]) => names.map((n) => [n, role as Role] as const)),
);

/** Canonical role of any alias in any case; `undefined` for an unknown value. */
export function canonicalRole(value: unknown): Role | undefined {
  if (typeof value !== 'string') return undefined;
  return BY_ALIAS.get(value.trim().toLowerCase());
}

/** A stored value (possibly an alias from older data) read back canonical; unknown → no access. */
export function readRole(value: unknown): StoredRole {
  return canonicalRole(value) ?? '';
}

/** Every stored spelling of a role, for queries over data that may still hold aliases. */
export function storedSpellingsOf(role: Role): string[] {
  const names = ALIASES[role];
  return [
    ...new Set([...names, ...names.map((n) => n[0].toUpperCase() + n.slice(1)), ...names.map((n) => n.toUpperCase())]),
  ];
}

export const ROLE_INPUTS = [...BY_ALIAS.keys()];

/** An input role (alias, any case, or '' for "no role yet") as stored. */
export function toStoredRole(value: string): StoredRole {
  return value === '' ? '' : (canonicalRole(value) ?? '');
}
