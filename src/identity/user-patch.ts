import type { UserPatch } from './user.repository';

/** Sub-documents a PATCH changes field by field (a field not sent keeps its value). */
const MERGED = new Set(['profilEtudiant', 'profilJury']);

/**
 * A DTO's defined fields as a user patch: `dateNaissance` as a Date, and the fields of
 * `profilEtudiant` / `profilJury` as dotted paths, so that a PATCH of one profile field keeps
 * the others and two concurrent PATCHes of different fields both land.
 */
export function toUserPatch(dto: object & { dateNaissance?: string }): UserPatch {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(dto)) {
    if (v === undefined) continue;
    if (MERGED.has(k) && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [sub, value] of Object.entries(v)) if (value !== undefined) patch[`${k}.${sub}`] = value;
    } else patch[k] = v;
  }
  if (dto.dateNaissance !== undefined) patch.dateNaissance = new Date(dto.dateNaissance);
  return patch as UserPatch;
}
