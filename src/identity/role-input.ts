import { Transform } from 'class-transformer';
import { ROLE_INPUTS } from './roles';

/** Role inputs are trimmed and lowercased, then checked against every alias (docs/data-model.md §3.2). */
export const RoleInput = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
/** Aliases plus '' (no role yet). */
export const ROLE_VALUES = [...ROLE_INPUTS, ''];
