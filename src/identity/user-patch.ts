import type { UserPatch } from './user.repository';

/** A DTO's defined fields as a user patch (`dateNaissance` as a Date). */
export function toUserPatch(dto: object & { dateNaissance?: string }): UserPatch {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(dto)) if (v !== undefined) patch[k] = v;
  if (dto.dateNaissance !== undefined) patch.dateNaissance = new Date(dto.dateNaissance);
  return patch as UserPatch;
}
